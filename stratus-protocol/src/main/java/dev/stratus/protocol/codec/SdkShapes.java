package dev.stratus.protocol.codec;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Reflective access to SDK model classes: a fresh builder of a model class (its static
 * {@code builder()}, cached as a MethodHandle) and building it.
 */
public final class SdkShapes {
  private static final ConcurrentHashMap<Class<?>, MethodHandle> BUILDERS = new ConcurrentHashMap<>();

  private SdkShapes() {}

  /** A new, empty builder of {@code type} (the builder is itself an SdkPojo). */
  public static SdkPojo builder(Class<?> type) {
    MethodHandle mh = BUILDERS.computeIfAbsent(type, t -> {
      try {
        return MethodHandles.publicLookup().findStatic(t, "builder",
            MethodType.methodType(t.getMethod("builder").getReturnType())).asType(MethodType.methodType(Object.class));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("SDK model class without builder(): " + t.getName(), e);
      }
    });
    try {
      return (SdkPojo) (Object) mh.invokeExact();
    } catch (Throwable e) {
      throw new IllegalStateException("cannot create a builder of " + type.getName(), e);
    }
  }

  /** Builds a builder obtained from {@link #builder} or {@link SdkField#constructor()}. */
  public static SdkPojo build(SdkPojo builder) {
    return (SdkPojo) ((SdkBuilder<?, ?>) builder).build();
  }
}
