package dev.stratus.core.store;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapping of stored records. Records, {@code Optional}, {@code java.time} and enums
 * map as Jackson 3 maps them by default; sealed families need {@code @JsonTypeInfo} and
 * {@code @JsonSubTypes} on the interface.
 */
public final class StoreJson {
  /** Shared and thread-safe once built. */
  public static final JsonMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private StoreJson() {}

  public static String write(Object value) { return MAPPER.writeValueAsString(value); }

  public static <T> T read(String json, Class<T> type) { return MAPPER.readValue(json, type); }
}
