package dev.stratus.cloudfront.model;

import dev.stratus.core.store.StoreJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * SDK model objects (a {@code DistributionConfig}, a {@code CachePolicyConfig}) as JSON text and
 * back, member by member (their SdkFields), so the store keeps AWS's shapes without a second
 * model to keep in step with the API.
 */
public final class SdkJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SdkJson() {}

  public static String write(SdkPojo pojo) { return StoreJson.MAPPER.writeValueAsString(object(pojo)); }

  /** Reads {@code json} into a new {@code type}, built through its {@code builder()}. */
  public static <T extends SdkPojo> T read(String json, Class<T> type) {
    try {
      SdkPojo builder = (SdkPojo) type.getMethod("builder").invoke(null);
      fill(builder, StoreJson.MAPPER.readTree(json));
      return type.cast(((SdkBuilder<?, ?>) builder).build());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("not an SDK model class: " + type.getName(), e);
    }
  }

  private static ObjectNode object(SdkPojo pojo) {
    ObjectNode node = NODES.objectNode();
    for (SdkField<?> field : pojo.sdkFields()) {
      Object value = field.getValueOrDefault(pojo);
      if (value != null && !isAutoConstruct(value)) node.set(field.memberName(), value(field, value));
    }
    return node;
  }

  private static boolean isAutoConstruct(Object value) {
    return value instanceof software.amazon.awssdk.core.util.SdkAutoConstructList
        || value instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap;
  }

  private static JsonNode value(SdkField<?> field, Object value) {
    return switch (field.marshallingType().getKnownType()) {
      case SDK_POJO -> object((SdkPojo) value);
      case LIST -> {
        ArrayNode array = NODES.arrayNode();
        SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
        for (Object item : (List<?>) value) array.add(value(member, item));
        yield array;
      }
      case MAP -> {
        ObjectNode map = NODES.objectNode();
        SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
        for (var e : ((Map<?, ?>) value).entrySet()) map.set(String.valueOf(e.getKey()), value(member, e.getValue()));
        yield map;
      }
      case BOOLEAN -> NODES.booleanNode((Boolean) value);
      case INTEGER -> NODES.numberNode((Integer) value);
      case LONG -> NODES.numberNode((Long) value);
      case FLOAT -> NODES.numberNode((Float) value);
      case DOUBLE -> NODES.numberNode((Double) value);
      case BIG_DECIMAL -> NODES.numberNode((BigDecimal) value);
      case INSTANT -> NODES.stringNode(value.toString());
      case SDK_BYTES -> NODES.binaryNode(((SdkBytes) value).asByteArray());
      default -> NODES.stringNode(value.toString());
    };
  }

  private static void fill(SdkPojo builder, JsonNode node) {
    for (SdkField<?> field : builder.sdkFields()) {
      JsonNode v = node.get(field.memberName());
      if (v != null && !v.isNull()) field.set(builder, parse(field, v));
    }
  }

  private static Object parse(SdkField<?> field, JsonNode v) {
    return switch (field.marshallingType().getKnownType()) {
      case SDK_POJO -> {
        SdkPojo b = field.constructor().get();
        fill(b, v);
        yield ((SdkBuilder<?, ?>) b).build();
      }
      case LIST -> {
        SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
        List<Object> list = new ArrayList<>();
        for (JsonNode item : v) list.add(parse(member, item));
        yield list;
      }
      case MAP -> {
        SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
        Map<String, Object> map = new LinkedHashMap<>();
        for (var e : v.properties()) map.put(e.getKey(), parse(member, e.getValue()));
        yield map;
      }
      case BOOLEAN -> v.booleanValue();
      case INTEGER -> v.intValue();
      case LONG -> v.longValue();
      case FLOAT -> v.floatValue();
      case DOUBLE -> v.doubleValue();
      case BIG_DECIMAL -> v.decimalValue();
      case INSTANT -> Instant.parse(v.stringValue());
      case SDK_BYTES -> SdkBytes.fromByteArray(v.binaryValue());
      default -> v.stringValue();
    };
  }
}
