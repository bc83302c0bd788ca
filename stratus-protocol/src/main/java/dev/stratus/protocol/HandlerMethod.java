package dev.stratus.protocol;

import dev.stratus.core.RequestContext;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Objects;
import software.amazon.awssdk.core.SdkPojo;

/**
 * One service handler method, {@code XxxResponse xxx(RequestContext, XxxRequest)}, bound to its
 * handler object and ready to call.
 */
public final class HandlerMethod {
  private static final MethodType GENERIC = MethodType.methodType(Object.class, RequestContext.class, Object.class);

  private final Object target;
  private final Method method;
  private final MethodHandle handle;

  HandlerMethod(Object target, Method method) {
    this.target = Objects.requireNonNull(target, "target");
    this.method = Objects.requireNonNull(method, "method");
    try {
      method.setAccessible(true);
      this.handle = MethodHandles.lookup().unreflect(method).bindTo(target).asType(GENERIC);
    } catch (IllegalAccessException e) {
      throw new IllegalArgumentException("handler method is not accessible: " + method, e);
    }
  }

  /** Calls the handler; whatever it throws (AwsException or a bug) propagates unchanged. */
  public SdkPojo invoke(RequestContext context, SdkPojo request) throws Throwable {
    return (SdkPojo) (Object) handle.invokeExact(context, (Object) request);
  }

  public Object target() { return target; }

  public Method method() { return method; }

  @Override public String toString() { return target.getClass().getSimpleName() + "#" + method.getName(); }
}
