package dev.stratus.core;

import java.util.List;
import java.util.Set;

/**
 * One AWS service inside Stratus, found with {@link java.util.ServiceLoader}. Each service
 * module lists itself in {@code META-INF/services/dev.stratus.core.ServiceModule}, and declares
 * the extensions it {@linkplain #provides() provides} and {@linkplain #needs() needs}; the server
 * starts modules in that order ({@link ModuleOrder}).
 *
 * <p>An API handler is any object whose public methods have the shape
 * {@code XxxResponse xxx(RequestContext context, XxxRequest request)} with the AWS SDK v2 model
 * types of the operation {@code Xxx}; the protocol layer collects them by reflection. An
 * operation of the service with no such method answers AWS-style "not implemented".
 */
public interface ServiceModule {

  /** A short name for logs and {@code stratus endpoints}, e.g. {@code route53}. */
  String name();

  /**
   * The {@link Extensions} this module registers in {@link #start} (e.g. EC2: {@code VpcLookup}).
   * The server starts it before every module that {@linkplain #needs() needs} one of them, and
   * fails the start if it returns without having provided them all.
   */
  default Set<Class<?>> provides() { return Set.of(); }

  /**
   * The {@link Extensions} this module finds in {@link #start} or later (e.g. Route 53:
   * {@code DnsTargetRegistry}): it starts after their providers, and Stratus refuses to start
   * when nothing provides one. See {@link ModuleOrder}.
   */
  default Set<Class<?>> needs() { return Set.of(); }

  /**
   * Called for every module before any module {@linkplain #start starts}: reserve the loopback
   * addresses its stored resources hold ({@code LoopbackPool#reserve}), so that no module starting
   * earlier hands them to something else.
   */
  default void reserveAddresses(StratusContext context) {}

  /**
   * Builds the module's handlers and starts its data planes over committed state.
   *
   * @return the API handlers and what to close on shutdown (listeners, probers), in order
   */
  Started start(StratusContext context) throws Exception;

  /** What {@link #start} produced. */
  record Started(List<Object> apiHandlers, List<AutoCloseable> resources, List<Endpoint> endpoints) {
    public Started {
      apiHandlers = List.copyOf(apiHandlers);
      resources = List.copyOf(resources);
      endpoints = List.copyOf(endpoints);
    }

    public static Started handlers(Object... apiHandlers) {
      return new Started(List.of(apiHandlers), List.of(), List.of());
    }
  }

  /** A socket a data plane listens on, as {@code stratus endpoints} prints it. */
  record Endpoint(String description, String protocol, String address, int port) {}
}
