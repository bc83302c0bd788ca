package dev.stratus.ec2.reachability;

import dev.stratus.core.net.Cidr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * One {@code aws ec2 …} JSON output being read: the checking accessors every importer uses, which
 * refuse a missing or mistyped field with a message naming the file, the resource and the field.
 */
final class DescribeFile {
  /*
   * Batfish's checking-factory habit: each resource is read through required()/optional()
   * accessors that know where they are (file name, resource id once known, JSON path), so an
   * error says "describe-subnets.json: subnet-1: field CidrBlock: missing" instead of a stack
   * trace. A MalformedDescribeException refuses the whole file; the importer reports it and
   * carries on with the other files.
   */
  final String file;
  final String region;

  DescribeFile(String file, String region) {
    this.file = file;
    this.region = region;
  }

  /** A describe output failed a check. */
  static final class MalformedDescribeException extends IllegalArgumentException {
    MalformedDescribeException(String message) { super(message); }
  }

  /** The JSON key of a field named by its path ({@code Routes.GatewayId} → {@code GatewayId}). */
  private static String key(String field) { return field.substring(field.lastIndexOf('.') + 1); }

  /** Fails naming file, resource and field. */
  MalformedDescribeException bad(String resource, String field, String why) {
    return new MalformedDescribeException(file + ": " + (resource.isEmpty() ? "" : resource + ": ")
        + "field " + field + ": " + why);
  }

  /** The top-level array {@code key}; absent means none. */
  List<JsonNode> list(JsonNode root, String key) {
    if (!root.isObject()) throw bad("", key, "the file is not a JSON object");
    JsonNode n = root.get(key);
    if (n == null || n.isNull()) return List.of();
    if (!n.isArray()) throw bad("", key, "not an array");
    List<JsonNode> out = new ArrayList<>();
    n.forEach(out::add);
    return out;
  }

  /** A nested array; absent means empty. */
  List<JsonNode> array(JsonNode node, String resource, String field) {
    JsonNode n = node.get(key(field));
    if (n == null || n.isNull()) return List.of();
    if (!n.isArray()) throw bad(resource, field, "not an array");
    List<JsonNode> out = new ArrayList<>();
    n.forEach(out::add);
    return out;
  }

  /** A required string. */
  String text(JsonNode node, String resource, String field) {
    JsonNode n = node.get(key(field));
    if (n == null || n.isNull()) throw bad(resource, field, "missing");
    if (!n.isString()) throw bad(resource, field, "not a string");
    return n.stringValue();
  }

  /** An optional string. */
  Optional<String> optText(JsonNode node, String resource, String field) {
    JsonNode n = node.get(key(field));
    if (n == null || n.isNull()) return Optional.empty();
    if (!n.isString()) throw bad(resource, field, "not a string");
    return Optional.of(n.stringValue());
  }

  /** An optional boolean with a default. */
  boolean bool(JsonNode node, String resource, String field, boolean dflt) {
    JsonNode n = node.get(key(field));
    if (n == null || n.isNull()) return dflt;
    if (!n.isBoolean()) throw bad(resource, field, "not a boolean");
    return n.booleanValue();
  }

  /** An optional integer. */
  Optional<Integer> optInt(JsonNode node, String resource, String field) {
    JsonNode n = node.get(key(field));
    if (n == null || n.isNull()) return Optional.empty();
    if (!n.isInt()) throw bad(resource, field, "not an integer");
    return Optional.of(n.intValue());
  }

  /** An optional whole number, as AWS prints it: a JSON number ({@code AmazonSideAsn}) or text ({@code BgpAsn}). */
  Optional<Long> optLong(JsonNode node, String resource, String field) {
    JsonNode n = node.get(key(field));
    if (n == null || n.isNull()) return Optional.empty();
    if (n.isIntegralNumber()) return Optional.of(n.longValue());
    if (n.isString() && n.asString().matches("\\d{1,19}")) return Optional.of(Long.parseLong(n.asString()));
    throw bad(resource, field, "not a whole number");
  }

  /** A required CIDR block or address. */
  Cidr cidr(JsonNode node, String resource, String field) {
    String t = text(node, resource, field);
    return Cidr.tryParseBlockOrAddress(t).orElseThrow(() -> bad(resource, field, "not a CIDR block: " + t));
  }

  /** An optional CIDR block or address. */
  Optional<Cidr> optCidr(JsonNode node, String resource, String field) {
    return optText(node, resource, field).map(t -> Cidr.tryParseBlockOrAddress(t)
        .orElseThrow(() -> bad(resource, field, "not a CIDR block: " + t)));
  }

  /** An AWS enum value through its {@code fromAws}, naming the field when unknown. */
  <E> E enumValue(JsonNode node, String resource, String field, Function<String, E> fromAws) {
    String t = text(node, resource, field);
    try {
      return fromAws.apply(t);
    } catch (IllegalArgumentException e) {
      throw bad(resource, field, e.getMessage());
    }
  }

  /** The {@code Tags} list as a map. */
  Map<String, String> tags(JsonNode node, String resource) {
    Map<String, String> m = new LinkedHashMap<>();
    for (JsonNode t : array(node, resource, "Tags")) {
      m.put(text(t, resource, "Tags.Key"), optText(t, resource, "Tags.Value").orElse(""));
    }
    return m;
  }

  /** The strings of an array of objects' field, e.g. {@code Groups[].GroupId}. */
  List<String> ids(JsonNode node, String resource, String arrayField, String idField) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : array(node, resource, arrayField)) out.add(text(n, resource, arrayField + "." + idField));
    return out;
  }

  /** The strings of an array of strings, e.g. {@code SubnetIds}. */
  List<String> strings(JsonNode node, String resource, String field) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : array(node, resource, field)) {
      if (!n.isString()) throw bad(resource, field, "not a list of strings");
      out.add(n.stringValue());
    }
    return out;
  }
}
