package dev.stratus.protocol.codec;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait.Format;
import software.amazon.awssdk.core.traits.XmlAttributeTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * Writes SDK objects as AWS XML (ec2, query and rest-xml responses), the mirror of the SDK's
 * XML unmarshaller: element names are each field's unmarshall location name; lists are wrapped
 * in the field's element with one element per item named by the list's member
 * ({@code item} in EC2, {@code member} in query), or repeated when flattened; maps are
 * {@code <entry><key/><value/></entry>}; timestamps are ISO 8601 unless a trait says otherwise.
 * Lists the handler never set are omitted; lists set to empty are written as empty elements.
 */
final class XmlWriter {
  private final StringBuilder out = new StringBuilder(512);

  XmlWriter declaration() {
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    return this;
  }

  XmlWriter open(String name, String namespace) {
    out.append('<').append(name);
    if (namespace != null && !namespace.isEmpty()) out.append(" xmlns=\"").append(escape(namespace, true)).append('"');
    out.append('>');
    return this;
  }

  XmlWriter open(String name) { return open(name, null); }

  XmlWriter close(String name) {
    out.append("</").append(name).append('>');
    return this;
  }

  XmlWriter element(String name, String text) {
    if (text == null) return this;
    return open(name).text(text).close(name);
  }

  XmlWriter text(String text) {
    out.append(escape(text, false));
    return this;
  }

  /** Writes the payload members of {@code pojo} (headers and status are the caller's). */
  XmlWriter fields(SdkPojo pojo) {
    for (SdkField<?> field : pojo.sdkFields()) {
      if (field.location() != MarshallLocation.PAYLOAD || field.containsTrait(XmlAttributeTrait.class)) continue;
      Object value = field.getValueOrDefault(pojo);
      if (value != null) member(field, field.unmarshallLocationName(), value);
    }
    return this;
  }

  /** Writes a structure as element {@code name}, with its attribute members. */
  XmlWriter structure(String name, String namespace, SdkPojo pojo) {
    out.append('<').append(name);
    if (namespace != null && !namespace.isEmpty()) out.append(" xmlns=\"").append(escape(namespace, true)).append('"');
    for (SdkField<?> field : pojo.sdkFields()) {
      if (!field.containsTrait(XmlAttributeTrait.class)) continue;
      Object value = field.getValueOrDefault(pojo);
      if (value != null) {
        out.append(' ').append(field.unmarshallLocationName()).append("=\"")
            .append(escape(Scalars.format(value, Format.ISO_8601), true)).append('"');
      }
    }
    out.append('>');
    return fields(pojo).close(name);
  }

  private void member(SdkField<?> field, String name, Object value) {
    switch (field.marshallingType().getKnownType()) {
      case SDK_POJO -> structure(name, null, (SdkPojo) value);
      case LIST -> list(field, name, (List<?>) value);
      case MAP -> map(field, name, (Map<?, ?>) value);
      case DOCUMENT -> { }
      default -> element(name, Scalars.format(value, Scalars.timestampFormat(field, Format.ISO_8601)));
    }
  }

  private void list(SdkField<?> field, String name, List<?> items) {
    if (items instanceof SdkAutoConstructList) return;
    ListTrait trait = field.getTrait(ListTrait.class);
    SdkField<?> memberField = trait.memberFieldInfo();
    if (trait.isFlattened()) {
      for (Object item : items) if (item != null) member(memberField, name, item);
      return;
    }
    String memberName = memberField.unmarshallLocationName() != null ? memberField.unmarshallLocationName()
        : trait.memberLocationName() != null ? trait.memberLocationName() : "member";
    open(name);
    for (Object item : items) if (item != null) member(memberField, memberName, item);
    close(name);
  }

  private void map(SdkField<?> field, String name, Map<?, ?> entries) {
    if (entries instanceof SdkAutoConstructMap) return;
    MapTrait trait = field.getTrait(MapTrait.class);
    String keyName = trait.keyLocationName() != null ? trait.keyLocationName() : "key";
    String valueName = trait.valueLocationName() != null ? trait.valueLocationName() : "value";
    if (!trait.isFlattened()) open(name);
    for (Map.Entry<?, ?> e : entries.entrySet()) {
      String entryName = trait.isFlattened() ? name : "entry";
      open(entryName).element(keyName, String.valueOf(e.getKey()));
      if (e.getValue() != null) member(trait.valueFieldInfo(), valueName, e.getValue());
      close(entryName);
    }
    if (!trait.isFlattened()) close(name);
  }

  /** Escapes markup; quotes only inside attributes (AWS leaves them raw in text). */
  static String escape(String s, boolean attribute) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String r = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> attribute ? "&quot;" : null;
        case '\r' -> "&#xD;";
        default -> null;
      };
      if (r != null) {
        if (b == null) b = new StringBuilder(s.length() + 16).append(s, 0, i);
        b.append(r);
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? s : b.toString();
  }

  @Override public String toString() { return out.toString(); }
}
