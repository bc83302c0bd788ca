package dev.stratus.core.store;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Optional;

/** Record types and tables the store tests write. */
final class StoreFixtures {
  private StoreFixtures() {}

  record Thing(String id, int size, Optional<String> note) {
    static Thing of(String id, int size) { return new Thing(id, size, Optional.empty()); }
  }

  /** A sealed family, as services store them (routing policies, rule actions). */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  @JsonSubTypes({@JsonSubTypes.Type(value = Shape.Circle.class, name = "circle"),
      @JsonSubTypes.Type(value = Shape.Square.class, name = "square")})
  sealed interface Shape {
    record Circle(double radius) implements Shape {}

    record Square(double side, List<String> tags) implements Shape {}
  }

  static final Table<Thing> THINGS = Table.of("test.thing", Thing.class);
  static final Table<Shape> SHAPES = Table.of("test.shape", Shape.class);

  static Void put(Transaction tx, String scope, Thing thing) {
    tx.put(THINGS, scope, thing.id(), thing);
    return null;
  }
}
