package dev.stratus.protocol.codec;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait.Format;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes SDK objects as JSON (json and rest-json responses), the mirror of {@link JsonReader}:
 * unset lists and maps are omitted, timestamps are epoch seconds with millisecond fraction
 * unless the field's TimestampFormatTrait says otherwise.
 */
final class JsonWriter {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonWriter() {}

  /** The payload members of {@code pojo} as a JSON object. */
  static ObjectNode object(SdkPojo pojo) {
    ObjectNode node = NODES.objectNode();
    for (SdkField<?> field : pojo.sdkFields()) {
      if (field.location() != MarshallLocation.PAYLOAD) continue;
      Object value = field.getValueOrDefault(pojo);
      JsonNode json = value == null ? null : value(field, value);
      if (json != null) node.set(field.locationName(), json);
    }
    return node;
  }

  static byte[] bytes(JsonNode node) {
    return JsonReader.MAPPER.writeValueAsBytes(node);
  }

  static JsonNode value(SdkField<?> field, Object value) {
    return switch (field.marshallingType().getKnownType()) {
      case SDK_POJO -> object((SdkPojo) value);
      case LIST -> {
        if (value instanceof SdkAutoConstructList) yield null;
        SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
        ArrayNode array = NODES.arrayNode();
        for (Object item : (List<?>) value) array.add(item == null ? NODES.nullNode() : value(member, item));
        yield array;
      }
      case MAP -> {
        if (value instanceof SdkAutoConstructMap) yield null;
        SdkField<?> valueField = field.getTrait(MapTrait.class).valueFieldInfo();
        ObjectNode map = NODES.objectNode();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
          map.set(String.valueOf(e.getKey()), e.getValue() == null ? NODES.nullNode() : value(valueField, e.getValue()));
        }
        yield map;
      }
      case DOCUMENT -> document((Document) value);
      case STRING -> NODES.stringNode((String) value);
      case BOOLEAN -> NODES.booleanNode((Boolean) value);
      case INTEGER -> NODES.numberNode((Integer) value);
      case LONG -> NODES.numberNode((Long) value);
      case SHORT -> NODES.numberNode((Short) value);
      case BYTE -> NODES.numberNode((Byte) value);
      case FLOAT -> NODES.numberNode((Float) value);
      case DOUBLE -> NODES.numberNode((Double) value);
      case BIG_DECIMAL -> NODES.numberNode((BigDecimal) value);
      case INSTANT -> {
        Format format = Scalars.timestampFormat(field, Format.UNIX_TIMESTAMP);
        Instant i = (Instant) value;
        yield switch (format) {
          case UNIX_TIMESTAMP -> NODES.numberNode(Scalars.epochSeconds(i));
          case UNIX_TIMESTAMP_MILLIS -> NODES.numberNode(i.toEpochMilli());
          default -> NODES.stringNode(Scalars.formatInstant(i, format));
        };
      }
      case SDK_BYTES -> NODES.stringNode(Scalars.format((SdkBytes) value, Format.ISO_8601));
      default -> NODES.stringNode(String.valueOf(value));
    };
  }

  private static JsonNode document(Document d) {
    if (d.isMap()) {
      ObjectNode node = NODES.objectNode();
      d.asMap().forEach((k, v) -> node.set(k, document(v)));
      return node;
    }
    if (d.isList()) {
      ArrayNode array = NODES.arrayNode();
      d.asList().forEach(v -> array.add(document(v)));
      return array;
    }
    if (d.isString()) return NODES.stringNode(d.asString());
    if (d.isBoolean()) return NODES.booleanNode(d.asBoolean());
    if (d.isNumber()) return NODES.numberNode(d.asNumber().bigDecimalValue());
    return NODES.nullNode();
  }
}
