package dev.stratus.ec2.insights;

import java.lang.invoke.MethodHandles;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * SDK v2 model objects as the AWS CLI prints them ({@code aws ec2 describe-vpcs} output) and back:
 * keys are the API's PascalCase member names, unset members and empty auto-constructed lists are
 * left out, timestamps are ISO-8601. Used for {@code stratus export}/{@code import} and to store
 * an analysis's findings.
 */
public final class CliJson {
  /** Shared and thread-safe. */
  public static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private CliJson() {}

  /** The members of {@code pojo} as a JSON object. */
  public static ObjectNode write(SdkPojo pojo) {
    ObjectNode node = NODES.objectNode();
    for (SdkField<?> field : pojo.sdkFields()) {
      Object value = field.getValueOrDefault(pojo);
      JsonNode json = value == null ? null : value(field, value);
      if (json != null) node.set(field.memberName(), json);
    }
    return node;
  }

  /** The object as pretty-printed JSON text. */
  public static String text(SdkPojo pojo) { return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(write(pojo)); }

  /** Reads a model object of {@code type} from CLI JSON; unknown keys are ignored. */
  public static <T extends SdkPojo> T read(JsonNode node, Class<T> type) {
    SdkPojo builder = builderOf(type);
    fill(node, builder);
    return type.cast(build(builder));
  }

  /** Reads a model object of {@code type} from CLI JSON text. */
  public static <T extends SdkPojo> T read(String json, Class<T> type) { return read(MAPPER.readTree(json), type); }

  private static JsonNode value(SdkField<?> field, Object value) {
    return switch (field.marshallingType().getKnownType()) {
      case SDK_POJO -> write((SdkPojo) value);
      case LIST -> {
        if (value instanceof SdkAutoConstructList) yield null;
        SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
        ArrayNode a = NODES.arrayNode();
        for (Object item : (List<?>) value) a.add(item == null ? NODES.nullNode() : value(member, item));
        yield a;
      }
      case MAP -> {
        if (value instanceof SdkAutoConstructMap) yield null;
        SdkField<?> v = field.getTrait(MapTrait.class).valueFieldInfo();
        ObjectNode o = NODES.objectNode();
        ((Map<?, ?>) value).forEach((k, x) -> o.set(String.valueOf(k), x == null ? NODES.nullNode() : value(v, x)));
        yield o;
      }
      case BOOLEAN -> NODES.booleanNode((Boolean) value);
      case INTEGER -> NODES.numberNode((Integer) value);
      case LONG -> NODES.numberNode((Long) value);
      case DOUBLE -> NODES.numberNode((Double) value);
      case FLOAT -> NODES.numberNode((Float) value);
      case INSTANT -> NODES.stringNode(value.toString());
      default -> NODES.stringNode(value.toString());
    };
  }

  private static void fill(JsonNode node, SdkPojo builder) {
    for (SdkField<?> field : builder.sdkFields()) {
      JsonNode child = node.get(field.memberName());
      if (child == null || child.isNull()) continue;
      field.set(builder, read(child, field));
    }
  }

  private static Object read(JsonNode node, SdkField<?> field) {
    return switch (field.marshallingType().getKnownType()) {
      case SDK_POJO -> {
        SdkPojo b = field.constructor().get();
        fill(node, b);
        yield build(b);
      }
      case LIST -> {
        SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
        List<Object> list = new ArrayList<>();
        for (JsonNode item : node) list.add(item.isNull() ? null : read(item, member));
        yield list;
      }
      case MAP -> {
        SdkField<?> v = field.getTrait(MapTrait.class).valueFieldInfo();
        Map<String, Object> map = new LinkedHashMap<>();
        for (var e : node.properties()) map.put(e.getKey(), read(e.getValue(), v));
        yield map;
      }
      case BOOLEAN -> node.isBoolean() ? node.booleanValue() : Boolean.parseBoolean(node.asString());
      case INTEGER -> node.isNumber() ? node.intValue() : Integer.parseInt(node.asString());
      case LONG -> node.isNumber() ? node.longValue() : Long.parseLong(node.asString());
      case DOUBLE -> node.asDouble();
      case FLOAT -> (float) node.asDouble();
      case INSTANT -> instant(node);
      default -> node.isString() ? node.stringValue() : node.toString();
    };
  }

  private static Instant instant(JsonNode node) {
    if (node.isNumber()) return Instant.ofEpochMilli((long) (node.asDouble() * 1000));
    String s = node.asString();
    return s.endsWith("Z") ? Instant.parse(s) : OffsetDateTime.parse(s).toInstant();
  }

  private static SdkPojo builderOf(Class<?> type) {
    try {
      return (SdkPojo) MethodHandles.publicLookup().findStatic(type, "builder",
          java.lang.invoke.MethodType.methodType(type.getMethod("builder").getReturnType())).invoke();
    } catch (Throwable e) {
      throw new IllegalArgumentException("not an SDK model class: " + type.getName(), e);
    }
  }

  private static Object build(SdkPojo builder) { return ((SdkBuilder<?, ?>) builder).build(); }
}
