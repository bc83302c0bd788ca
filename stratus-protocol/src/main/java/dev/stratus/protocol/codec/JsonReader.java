package dev.stratus.protocol.codec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait.Format;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JSON body (json and rest-json protocols) into SDK structures: object keys are each
 * field's location name, lists are arrays, maps are objects, timestamps are epoch seconds (or
 * the field's TimestampFormatTrait), blobs are base64 strings. JSON null means absent. A value
 * of the wrong JSON type is a {@link WireFormatException}.
 */
final class JsonReader {
  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private JsonReader() {}

  /** Parses a body; an empty body is an empty object. */
  static JsonNode parse(byte[] body) {
    if (body.length == 0) return MAPPER.createObjectNode();
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) return MAPPER.createObjectNode();
      if (!node.isObject()) throw WireFormatException.malformed("Start of structure or map found where not expected.");
      return node;
    } catch (JacksonException e) {
      throw WireFormatException.malformed(e.getOriginalMessage());
    }
  }

  /** Sets the payload members of {@code builder} from the JSON object {@code node}. */
  static void readFields(JsonNode node, SdkPojo builder, String path) {
    for (SdkField<?> field : builder.sdkFields()) {
      if (field.location() != MarshallLocation.PAYLOAD) continue;
      JsonNode child = node.get(field.locationName());
      Object value = child == null || child.isNull() ? null : value(child, field, path + field.locationName());
      if (value != null) {
        field.set(builder, value);
      } else if (RequiredMembers.isRequired(builder, field)) {
        throw WireFormatException.missing(path + field.locationName());
      }
    }
  }

  static Object value(JsonNode node, SdkField<?> field, String path) {
    try {
      return switch (field.marshallingType().getKnownType()) {
        case SDK_POJO -> {
          require(node.isObject(), node);
          SdkPojo builder = field.constructor().get();
          readFields(node, builder, path + ".");
          yield SdkShapes.build(builder);
        }
        case LIST -> {
          require(node.isArray(), node);
          SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
          List<Object> list = new ArrayList<>(node.size());
          for (JsonNode item : node) list.add(item.isNull() ? null : value(item, member, path));
          yield list;
        }
        case MAP -> {
          require(node.isObject(), node);
          SdkField<?> valueField = field.getTrait(MapTrait.class).valueFieldInfo();
          Map<String, Object> map = new LinkedHashMap<>();
          for (Map.Entry<String, JsonNode> e : node.properties()) {
            map.put(e.getKey(), e.getValue().isNull() ? null : value(e.getValue(), valueField, path));
          }
          yield map;
        }
        case DOCUMENT -> document(node);
        case STRING -> { require(node.isString(), node); yield node.stringValue(); }
        case BOOLEAN -> { require(node.isBoolean(), node); yield node.booleanValue(); }
        case INTEGER -> { require(node.isIntegralNumber() && node.canConvertToInt(), node); yield node.intValue(); }
        case LONG -> { require(node.isIntegralNumber() && node.canConvertToLong(), node); yield node.longValue(); }
        case SHORT -> { require(node.isIntegralNumber(), node); yield node.shortValue(); }
        case BYTE -> { require(node.isIntegralNumber(), node); yield (byte) node.intValue(); }
        case FLOAT -> { require(node.isNumber(), node); yield node.floatValue(); }
        case DOUBLE -> { require(node.isNumber(), node); yield node.doubleValue(); }
        case BIG_DECIMAL -> { require(node.isNumber(), node); yield node.decimalValue(); }
        case INSTANT -> {
          Format format = Scalars.timestampFormat(field, Format.UNIX_TIMESTAMP);
          if (node.isNumber()) yield Scalars.parseInstant(node.decimalValue().toPlainString(), Format.UNIX_TIMESTAMP);
          require(node.isString(), node);
          yield Scalars.parseInstant(node.stringValue(), format);
        }
        case SDK_BYTES -> { require(node.isString(), node); yield Scalars.parse(field, node.stringValue(), Format.ISO_8601); }
        default -> throw new WireFormatException(node.toString());
      };
    } catch (WireFormatException e) {
      throw e.at(path);
    } catch (RuntimeException e) {
      throw new WireFormatException(WireFormatException.Kind.WRONG_TYPE, path, node.toString());
    }
  }

  private static void require(boolean ok, JsonNode node) {
    if (!ok) throw new WireFormatException(node.toString());
  }

  private static Document document(JsonNode node) {
    if (node.isObject()) {
      Map<String, Document> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : node.properties()) map.put(e.getKey(), document(e.getValue()));
      return Document.fromMap(map);
    }
    if (node.isArray()) {
      List<Document> list = new ArrayList<>();
      for (JsonNode item : node) list.add(document(item));
      return Document.fromList(list);
    }
    if (node.isString()) return Document.fromString(node.stringValue());
    if (node.isBoolean()) return Document.fromBoolean(node.booleanValue());
    if (node.isNumber()) return Document.fromNumber(node.decimalValue());
    return Document.fromNull();
  }

}
