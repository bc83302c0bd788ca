package dev.stratus.ec2.reachability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link Network} as the AWS CLI would print it, in the layout
 * {@link ReachabilityImport} reads (one folder per Region, one file per call), so that
 * {@code import(export(n))} equals {@code n} for a network whose subnets' route tables and NACLs
 * agree with the tables' associations.
 */
public final class ReachabilityExport {
  static final JsonMapper JSON = JsonMapper.builder().build();

  private ReachabilityExport() {}

  /** Writes every Region of the network under {@code dir} (created if needed); returns the files written. */
  public static List<Path> toDescribeOutputs(Network n, Path dir) {
    List<Path> written = new ArrayList<>();
    for (String region : n.regions()) {
      Out out = new Out(dir.resolve(region), written);
      Predicate<String> here = region::equals;
      VpcExport.write(n, here, out);
      TransitExport.write(n, region, out);
    }
    return written;
  }

  /** Where one Region's files go. */
  static final class Out {
    private final Path dir;
    private final List<Path> written;

    Out(Path dir, List<Path> written) {
      this.dir = dir;
      this.written = written;
    }

    /** Writes {@code {key: items}} to {@code <command>.json} unless there are no items. */
    void list(String command, String key, List<ObjectNode> items) {
      if (items.isEmpty()) return;
      ObjectNode root = JSON.createObjectNode();
      ArrayNode a = root.putArray(key);
      items.forEach(a::add);
      file(command, root);
    }

    /** Writes one file. */
    void file(String command, ObjectNode root) {
      try {
        Files.createDirectories(dir);
        Path f = dir.resolve(command + ".json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(f, root);
        written.add(f);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  // ---- small builders shared by the exporters ------------------------------------------------

  static ObjectNode obj() { return JSON.createObjectNode(); }

  static void tags(ObjectNode n, Map<String, String> tags) {
    if (tags.isEmpty()) return;
    ArrayNode a = n.putArray("Tags");
    tags.forEach((k, v) -> a.addObject().put("Key", k).put("Value", v));
  }

  static void strings(ObjectNode n, String field, List<String> values) {
    ArrayNode a = n.putArray(field);
    values.forEach(a::add);
  }

  static void ids(ObjectNode n, String field, String idField, List<String> values) {
    ArrayNode a = n.putArray(field);
    values.forEach(v -> a.addObject().put(idField, v));
  }

  /** The union of a list and the ids matching a predicate, in order. */
  static List<String> union(List<String> first, List<String> more) {
    Set<String> s = new LinkedHashSet<>(first);
    s.addAll(more);
    return List.copyOf(s);
  }
}
