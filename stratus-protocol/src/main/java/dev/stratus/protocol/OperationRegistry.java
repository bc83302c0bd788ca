package dev.stratus.protocol;

import dev.stratus.core.RequestContext;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The table from AWS operation to Stratus handler: every service Stratus routes (with its
 * operations read lazily from the SDK), and the handler method serving each implemented one.
 *
 * <p>A handler is any object with public methods {@code XxxResponse xxx(RequestContext,
 * XxxRequest)}; the request type's SDK package names the service, its simple name the
 * operation. Operations the SDK knows but no handler serves answer {@code NotImplemented}.
 */
public final class OperationRegistry {
  private final Map<String, ServiceModel> services = new LinkedHashMap<>();
  private final Map<Class<?>, HandlerMethod> handlers;

  private OperationRegistry(Map<Class<?>, HandlerMethod> handlers) {
    for (ServiceDescriptor d : ServiceDescriptor.ALL) services.put(d.id(), new ServiceModel(d));
    this.handlers = Map.copyOf(handlers);
  }

  /**
   * Collects the handler methods of {@code handlers}.
   *
   * @throws IllegalArgumentException when two methods serve the same operation
   */
  public static OperationRegistry of(Collection<?> handlers) {
    Map<Class<?>, HandlerMethod> found = new HashMap<>();
    for (Object handler : handlers) {
      for (Method m : handler.getClass().getMethods()) {
        Class<?> requestType = requestTypeOf(m);
        if (requestType == null) continue;
        HandlerMethod previous = found.put(requestType, new HandlerMethod(handler, m));
        if (previous != null) {
          throw new IllegalArgumentException(requestType.getSimpleName() + " is served twice: by "
              + previous + " and by " + handler.getClass().getSimpleName() + "#" + m.getName());
        }
      }
    }
    return new OperationRegistry(found);
  }

  /** One function that serves whatever operation it is given (tests of the codecs alone). */
  @FunctionalInterface
  public interface AnyOperation {
    SdkPojo handle(RequestContext context, SdkPojo request) throws Exception;
  }

  /**
   * Serves each of {@code requestTypes} (SDK request classes) with {@code handler}: the wire and
   * the codecs without any service's rules, as the generated round-trip test needs.
   */
  public static OperationRegistry serving(Collection<Class<?>> requestTypes, AnyOperation handler) {
    Method handle;
    try {
      handle = AnyOperation.class.getMethod("handle", RequestContext.class, SdkPojo.class);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
    Map<Class<?>, HandlerMethod> found = new HashMap<>();
    for (Class<?> t : requestTypes) found.put(t, new HandlerMethod(handler, handle));
    return new OperationRegistry(found);
  }

  /** The SDK request type a handler method serves, or null if it is not a handler method. */
  private static Class<?> requestTypeOf(Method m) {
    if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 2) return null;
    Class<?>[] p = m.getParameterTypes();
    if (p[0] != RequestContext.class || !SdkPojo.class.isAssignableFrom(p[1])) return null;
    if (!p[1].getSimpleName().endsWith("Request") || !SdkPojo.class.isAssignableFrom(m.getReturnType())) return null;
    if (ServiceDescriptor.forModelPackage(p[1].getPackageName()).isEmpty()) return null;
    return p[1];
  }

  /** The model of a routed service. */
  public ServiceModel service(ServiceDescriptor descriptor) {
    return services.get(descriptor.id());
  }

  /** The handler serving {@code operation}, if any. */
  public Optional<HandlerMethod> handler(Operation operation) {
    return Optional.ofNullable(handlers.get(operation.requestType()));
  }

  /** How many operations have handlers (for startup logs). */
  public int handlerCount() { return handlers.size(); }
}
