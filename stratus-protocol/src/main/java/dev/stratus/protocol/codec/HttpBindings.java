package dev.stratus.protocol.codec;

import dev.stratus.protocol.WireRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait.Format;
import software.amazon.awssdk.core.util.SdkAutoConstructList;

/**
 * The REST half shared by rest-xml and rest-json: request members bound to URI labels, query
 * parameters and headers, and response members bound to headers and the status code.
 * Timestamps are ISO 8601 in paths and query strings and RFC 822 in headers unless a trait
 * says otherwise.
 */
final class HttpBindings {
  private HttpBindings() {}

  /**
   * Sets the non-payload members of a request builder. {@code requestUri} is the operation's URI
   * template, whose literal query parameters ({@code /restapis?mode=import}) bind no member.
   */
  static void read(SdkPojo builder, WireRequest request, Map<String, String> labels, String requestUri) {
    java.util.Set<String> bound = new java.util.HashSet<>();
    int q = requestUri == null ? -1 : requestUri.indexOf('?');
    if (q >= 0) {
      for (String part : requestUri.substring(q + 1).split("&")) {
        int eq = part.indexOf('=');
        bound.add(eq < 0 ? part : part.substring(0, eq));
      }
    }
    for (SdkField<?> f : builder.sdkFields()) {
      if (f.location() == MarshallLocation.QUERY_PARAM) bound.add(f.locationName());
    }
    for (SdkField<?> field : builder.sdkFields()) {
      Object value = switch (field.location()) {
        case PATH, GREEDY_PATH -> scalar(field, labels.get(field.locationName()), Format.ISO_8601);
        case QUERY_PARAM -> queryValue(field, request, bound);
        case HEADER -> headerValue(field, request);
        default -> null;
      };
      if (value != null) {
        field.set(builder, value);
      } else if (field.location() != MarshallLocation.PAYLOAD && RequiredMembers.isRequired(builder, field)) {
        throw WireFormatException.missing(field.locationName());
      }
    }
  }

  private static Object queryValue(SdkField<?> field, WireRequest request, java.util.Set<String> bound) {
    MarshallingKnownType type = field.marshallingType().getKnownType();
    if (type == MarshallingKnownType.MAP) {
      // a query-params map (API Gateway's ImportRestApi parameters) holds the parameters nothing
      // else binds: not failOnWarnings (a member) nor mode (the URI template's literal)
      Map<String, Object> all = new LinkedHashMap<>();
      request.query().forEach((k, v) -> {
        if (!bound.contains(k)) all.put(k, v.isEmpty() ? "" : v.get(0));
      });
      return all.isEmpty() ? null : all;
    }
    List<String> values = request.query().get(field.locationName());
    if (values == null) return null;
    if (type == MarshallingKnownType.LIST) {
      SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
      List<Object> list = new ArrayList<>();
      for (String v : values) list.add(scalar(member, v, Format.ISO_8601));
      return list;
    }
    return scalar(field, values.isEmpty() ? "" : values.get(0), Format.ISO_8601);
  }

  private static Object headerValue(SdkField<?> field, WireRequest request) {
    MarshallingKnownType type = field.marshallingType().getKnownType();
    if (type == MarshallingKnownType.MAP) {
      String prefix = field.locationName().toLowerCase();
      Map<String, Object> map = new LinkedHashMap<>();
      request.headers().forEach((k, v) -> {
        if (k.toLowerCase().startsWith(prefix) && !v.isEmpty()) map.put(k.substring(prefix.length()), v.get(0));
      });
      return map.isEmpty() ? null : map;
    }
    String value = request.header(field.locationName());
    if (value == null) return null;
    if (type == MarshallingKnownType.LIST) {
      SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
      List<Object> list = new ArrayList<>();
      for (String v : value.split(",")) list.add(scalar(member, v.trim(), Format.RFC_822));
      return list;
    }
    return scalar(field, value, Format.RFC_822);
  }

  private static Object scalar(SdkField<?> field, String text, Format dflt) {
    if (text == null) return null;
    try {
      return Scalars.parse(field, text, Scalars.timestampFormat(field, dflt));
    } catch (WireFormatException e) {
      throw e.at(field.locationName());
    }
  }

  /** The response headers bound by the response's HEADER members. */
  static Map<String, String> responseHeaders(SdkPojo response) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (SdkField<?> field : response.sdkFields()) {
      if (field.location() != MarshallLocation.HEADER) continue;
      Object value = field.getValueOrDefault(response);
      if (value == null) continue;
      if (value instanceof Map<?, ?> map) {
        map.forEach((k, v) -> headers.put(field.locationName() + k, String.valueOf(v)));
      } else if (value instanceof List<?> list) {
        if (list instanceof SdkAutoConstructList) continue;
        List<String> parts = new ArrayList<>();
        for (Object o : list) parts.add(Scalars.format(o, Format.RFC_822));
        headers.put(field.locationName(), String.join(",", parts));
      } else {
        headers.put(field.locationName(), Scalars.format(value, Scalars.timestampFormat(field, Format.RFC_822)));
      }
    }
    return headers;
  }

  /** The status a response's STATUS_CODE member asks for, or 0. */
  static int statusMember(SdkPojo response) {
    for (SdkField<?> field : response.sdkFields()) {
      if (field.location() == MarshallLocation.STATUS_CODE && field.getValueOrDefault(response) instanceof Integer i) {
        return i;
      }
    }
    return 0;
  }

  /** The response's explicit payload member (PayloadTrait), or null. */
  static SdkField<?> payloadMember(List<SdkField<?>> fields) {
    for (SdkField<?> f : fields) {
      if (f.containsTrait(software.amazon.awssdk.core.traits.PayloadTrait.class)) return f;
    }
    return null;
  }

  /** Whether any member goes in the body. */
  static boolean hasPayloadMembers(List<SdkField<?>> fields) {
    for (SdkField<?> f : fields) if (f.location() == MarshallLocation.PAYLOAD) return true;
    return false;
  }
}
