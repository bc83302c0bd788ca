package dev.stratus.core.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.BeanPropertyWriter;
import tools.jackson.databind.ser.ValueSerializerModifier;

/**
 * The one JSON mapping of stored records. Records, {@code Optional}, {@code java.time} and enums
 * map as Jackson 3 maps them by default; sealed families need {@code @JsonTypeInfo} and
 * {@code @JsonSubTypes} on the interface.
 *
 * <p>A stored field the record no longer has (renamed or removed without a migration) is data
 * about to be lost. With {@value #STRICT_PROPERTY}{@code =true} (set by surefire for every test
 * run) reading it fails; otherwise it is skipped and logged once per record type and field, so a
 * user's database still opens.
 */
public final class StoreJson {
  private static final Logger LOG = Logger.getLogger(StoreJson.class.getName());

  /** The system property that makes unknown stored fields an error (tests). */
  public static final String STRICT_PROPERTY = "stratus.store.strictJson";

  private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

  /** Shared and thread-safe once built. */
  public static final JsonMapper MAPPER = mapper(strict());

  private StoreJson() {}

  /** The store's mapping, strict about unknown fields or tolerant (logging once). */
  static JsonMapper mapper(boolean strict) {
    return JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .addHandler(new UnknownFields(strict))
        .addModule(new SimpleModule("stratus-store").setSerializerModifier(new RecordComponentsOnly()))
        .build();
  }

  /**
   * A record is stored as its components: a derived accessor ({@code isMain()}, {@code getArea()})
   * is not data, and writing it would make every read meet a field the record cannot take. An
   * accessor explicitly marked {@code @JsonProperty} is still written.
   */
  private static final class RecordComponentsOnly extends ValueSerializerModifier {
    @Override
    public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription.Supplier description,
        List<BeanPropertyWriter> properties) {
      if (!description.isRecordType()) return properties;
      Set<String> components = Arrays.stream(description.getBeanClass().getRecordComponents())
          .map(RecordComponent::getName).collect(Collectors.toSet());
      return properties.stream()
          .filter(p -> p.getMember() == null || components.contains(p.getMember().getName())
              || p.getAnnotation(JsonProperty.class) != null)
          .collect(Collectors.toCollection(ArrayList::new));
    }
  }

  public static String write(Object value) { return MAPPER.writeValueAsString(value); }

  public static <T> T read(String json, Class<T> type) { return MAPPER.readValue(json, type); }

  /** True when unknown stored fields fail (the test mode). */
  public static boolean strict() { return Boolean.getBoolean(STRICT_PROPERTY); }

  /** Tolerates (logging once) or refuses (strict) a stored field the record does not declare. */
  private static final class UnknownFields extends DeserializationProblemHandler {
    private final boolean strict;

    UnknownFields(boolean strict) { this.strict = strict; }

    @Override
    public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
        ValueDeserializer<?> deserializer, Object beanOrClass, String propertyName) {
      if (strict) return false; // FAIL_ON_UNKNOWN_PROPERTIES then reports it
      String type = beanOrClass instanceof Class<?> c ? c.getName() : beanOrClass.getClass().getName();
      if (REPORTED.add(type + "." + propertyName)) {
        LOG.warning("stored " + type + " has a field '" + propertyName
            + "' that this Stratus does not know; it is ignored (and lost on the next write of the row)");
      }
      parser.skipChildren();
      return true;
    }
  }
}
