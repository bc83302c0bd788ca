package dev.stratus.protocol.codec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait.Format;

/**
 * Reads query-protocol form parameters ({@code Filter.1.Name=vpc-id}) into an SDK request,
 * the mirror of the SDK's query marshaller.
 *
 * <p>Keys are the field's location name joined by dots. Lists: AWS query writes
 * {@code Name.member.N} (or the list's member name; {@code Name.N} when flattened), EC2 always
 * {@code Name.N}; an explicitly empty query list is {@code Name=}. Maps: {@code Name.entry.N.key}
 * / {@code .value} ({@code Name.N.key} when flattened). Indices start at 1 and may have gaps.
 */
final class FormReader {
  private final NavigableMap<String, String> params;
  private final boolean ec2;

  FormReader(Map<String, String> params, boolean ec2) {
    this.params = new TreeMap<>(params);
    this.ec2 = ec2;
  }

  /** Builds a {@code type} (an SDK request class) from the parameters. */
  SdkPojo read(Class<?> type) {
    SdkPojo builder = SdkShapes.builder(type);
    readStructure(builder, "");
    return SdkShapes.build(builder);
  }

  private void readStructure(SdkPojo builder, String prefix) {
    for (SdkField<?> field : builder.sdkFields()) {
      String key = prefix + field.locationName();
      Object value = readValue(field, key);
      if (value != null) {
        field.set(builder, value);
      } else if (RequiredMembers.isRequired(builder, field)) {
        throw WireFormatException.missing(key);
      }
    }
  }

  private Object readValue(SdkField<?> field, String key) {
    switch (field.marshallingType().getKnownType()) {
      case SDK_POJO -> {
        if (!hasKeysUnder(key + ".")) return null;
        SdkPojo nested = field.constructor().get();
        readStructure(nested, key + ".");
        return SdkShapes.build(nested);
      }
      case LIST -> {
        return readList(field, key);
      }
      case MAP -> {
        return readMap(field, key);
      }
      default -> {
        String text = params.get(key);
        if (text == null) return null;
        try {
          return Scalars.parse(field, text, Scalars.timestampFormat(field, Format.ISO_8601));
        } catch (WireFormatException e) {
          throw e.at(key);
        }
      }
    }
  }

  private List<Object> readList(SdkField<?> field, String key) {
    ListTrait trait = field.getTrait(ListTrait.class);
    String base = ec2 || trait.isFlattened() ? key : key + "." + memberName(trait);
    if (!ec2 && "".equals(params.get(key)) && !hasKeysUnder(base + ".")) return new ArrayList<>();
    TreeSet<Integer> indices = indicesUnder(base + ".");
    if (indices.isEmpty()) return null;
    List<Object> list = new ArrayList<>(indices.size());
    for (int i : indices) {
      Object item = readValue(trait.memberFieldInfo(), base + "." + i);
      if (item != null) list.add(item);
    }
    return list;
  }

  private Map<String, Object> readMap(SdkField<?> field, String key) {
    MapTrait trait = field.getTrait(MapTrait.class);
    String base = trait.isFlattened() ? key : key + ".entry";
    TreeSet<Integer> indices = indicesUnder(base + ".");
    if (indices.isEmpty()) return null;
    String keyName = trait.keyLocationName() != null ? trait.keyLocationName() : "key";
    String valueName = trait.valueLocationName() != null ? trait.valueLocationName() : "value";
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i : indices) {
      String k = params.get(base + "." + i + "." + keyName);
      if (k == null) throw WireFormatException.missing(base + "." + i + "." + keyName);
      map.put(k, readValue(trait.valueFieldInfo(), base + "." + i + "." + valueName));
    }
    return map;
  }

  private static String memberName(ListTrait trait) {
    String name = trait.memberLocationName();
    return name != null ? name : "member";
  }

  private boolean hasKeysUnder(String prefix) {
    String next = params.ceilingKey(prefix);
    return next != null && next.startsWith(prefix);
  }

  private TreeSet<Integer> indicesUnder(String prefix) {
    TreeSet<Integer> indices = new TreeSet<>();
    SortedMap<String, String> under = params.subMap(prefix, prefix + Character.MAX_VALUE);
    for (String k : under.keySet()) {
      int end = k.indexOf('.', prefix.length());
      String segment = end < 0 ? k.substring(prefix.length()) : k.substring(prefix.length(), end);
      try {
        int i = Integer.parseInt(segment);
        if (i >= 1) indices.add(i);
      } catch (NumberFormatException e) {
        throw new WireFormatException(WireFormatException.Kind.WRONG_TYPE, k, segment);
      }
    }
    return indices;
  }
}
