package dev.stratus.protocol.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.traits.RequiredTrait;

/**
 * Which members of a request structure AWS requires. The SDK v2 model classes of these services
 * carry no {@link RequiredTrait}, so the table {@code required-members.properties} lists the
 * AWS models' required members per structure (keyed by service and lower-case class name, since
 * the SDK re-cases some names such as {@code ListWebAcLsRequest}). Loaded on first use.
 */
final class RequiredMembers {
  private static volatile Properties table;
  private static final ConcurrentHashMap<Class<?>, Set<String>> BY_CLASS = new ConcurrentHashMap<>();

  private RequiredMembers() {}

  /** Whether {@code field} of the structure built by {@code builder} is required. */
  static boolean isRequired(SdkPojo builder, SdkField<?> field) {
    return field.containsTrait(RequiredTrait.class) || of(modelClass(builder)).contains(field.memberName());
  }

  private static Class<?> modelClass(SdkPojo builder) {
    Class<?> c = builder.getClass();
    return c.getDeclaringClass() != null ? c.getDeclaringClass() : c;
  }

  private static Set<String> of(Class<?> model) {
    return BY_CLASS.computeIfAbsent(model, c -> {
      String pkg = c.getPackageName();
      String prefix = "software.amazon.awssdk.services.";
      if (!pkg.startsWith(prefix)) return Set.of();
      String service = pkg.substring(prefix.length(), pkg.lastIndexOf('.'));
      String members = table().getProperty(service + "." + c.getSimpleName().toLowerCase(Locale.ROOT));
      return members == null ? Set.of() : Set.of(members.split(","));
    });
  }

  private static Properties table() {
    Properties p = table;
    if (p == null) {
      p = new Properties();
      try (InputStream in = RequiredMembers.class.getResourceAsStream("required-members.properties")) {
        if (in != null) p.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      table = p;
    }
    return p;
  }
}
