package dev.stratus.wafv2;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * SDK structures (a WebACL's rules, an IP set) to JSON text and back, for the store: the rules
 * of a web ACL are a deep tree of SDK shapes, kept as the API's own JSON (member names as on the
 * wire) rather than mirrored in records field by field.
 */
public final class SdkJson {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SdkJson() {}

  public static String write(SdkPojo pojo) {
    return pojo == null ? null : MAPPER.writeValueAsString(object(pojo));
  }

  /** Reads {@code json} into a {@code type} built with {@code builder} (e.g. {@code WebACL.builder()}). */
  @SuppressWarnings("unchecked")
  public static <T> T read(String json, SdkBuilder<?, T> builder) {
    if (json == null) return null;
    readFields(MAPPER.readTree(json), (SdkPojo) builder);
    return builder.build();
  }

  private static ObjectNode object(SdkPojo pojo) {
    ObjectNode node = NODES.objectNode();
    for (SdkField<?> f : pojo.sdkFields()) {
      Object v = f.getValueOrDefault(pojo);
      if (v == null) continue;
      if (v instanceof List<?> l && l instanceof software.amazon.awssdk.core.util.SdkAutoConstructList) continue;
      if (v instanceof Map<?, ?> m && m instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap) continue;
      node.set(f.locationName(), value(v));
    }
    return node;
  }

  private static JsonNode value(Object v) {
    return switch (v) {
      case SdkPojo p -> object(p);
      case List<?> l -> {
        ArrayNode a = NODES.arrayNode();
        l.forEach(i -> a.add(value(i)));
        yield a;
      }
      case Map<?, ?> m -> {
        ObjectNode o = NODES.objectNode();
        m.forEach((k, x) -> o.set(String.valueOf(k), value(x)));
        yield o;
      }
      case String s -> NODES.stringNode(s);
      case Boolean b -> NODES.booleanNode(b);
      case Integer i -> NODES.numberNode(i);
      case Long l -> NODES.numberNode(l);
      case Double d -> NODES.numberNode(d);
      case Float f -> NODES.numberNode(f);
      case BigDecimal d -> NODES.numberNode(d);
      case Instant i -> NODES.numberNode(i.toEpochMilli());
      case SdkBytes b -> NODES.stringNode(Base64.getEncoder().encodeToString(b.asByteArrayUnsafe()));
      default -> NODES.stringNode(v.toString());
    };
  }

  private static void readFields(JsonNode node, SdkPojo builder) {
    for (SdkField<?> f : builder.sdkFields()) {
      JsonNode child = node.get(f.locationName());
      if (child != null && !child.isNull()) f.set(builder, value(child, f));
    }
  }

  private static Object value(JsonNode node, SdkField<?> f) {
    return switch (f.marshallingType().getKnownType()) {
      case SDK_POJO -> {
        SdkPojo b = f.constructor().get();
        readFields(node, b);
        yield ((SdkBuilder<?, ?>) b).build();
      }
      case LIST -> {
        SdkField<?> member = f.getTrait(ListTrait.class).memberFieldInfo();
        List<Object> list = new ArrayList<>();
        for (JsonNode i : node) list.add(value(i, member));
        yield list;
      }
      case MAP -> {
        SdkField<?> member = f.getTrait(MapTrait.class).valueFieldInfo();
        Map<String, Object> map = new LinkedHashMap<>();
        for (var e : node.properties()) map.put(e.getKey(), value(e.getValue(), member));
        yield map;
      }
      case STRING -> node.asString();
      case BOOLEAN -> node.booleanValue();
      case INTEGER -> node.intValue();
      case LONG -> node.longValue();
      case DOUBLE -> node.doubleValue();
      case FLOAT -> node.floatValue();
      case BIG_DECIMAL -> node.decimalValue();
      case INSTANT -> Instant.ofEpochMilli(node.longValue());
      case SDK_BYTES -> SdkBytes.fromByteArray(Base64.getDecoder().decode(node.asString()));
      default -> throw new IllegalStateException("unsupported stored SDK type " + f.marshallingType());
    };
  }
}
