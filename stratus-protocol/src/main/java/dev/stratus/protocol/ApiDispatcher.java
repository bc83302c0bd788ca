package dev.stratus.protocol;

import dev.stratus.core.AwsException;
import dev.stratus.core.RequestContext;
import dev.stratus.protocol.codec.Codecs;
import dev.stratus.protocol.codec.InputLimits;
import dev.stratus.protocol.codec.Utf8Input;
import dev.stratus.protocol.codec.ProtocolCodec;
import dev.stratus.protocol.codec.ResolvedCall;
import dev.stratus.protocol.codec.WireFormatException;
import dev.stratus.protocol.routing.ServiceRouter;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.function.Supplier;
import java.util.logging.Logger;
import software.amazon.awssdk.core.SdkPojo;

/**
 * One AWS API call from bytes to bytes, independent of the HTTP server: route to a service,
 * resolve the operation, decode, call the handler, encode, and turn every failure into the
 * protocol's error envelope.
 *
 * <p>Order: health check → service (SigV4 scope, target, path) → codec of its protocol →
 * operation (unknown → protocol's InvalidAction/UnknownOperation) → UTF-8 check of body, path
 * and query → decode (shape problems → the codec's validation error) → AWS's input limits
 * ({@link InputLimits}, same error) → handler (none → 501 NotImplemented) → encode. An exception
 * that is not an {@link AwsException} becomes 500 InternalFailure; its stack trace is logged
 * once per exception class and operation, never sent.
 */
public final class ApiDispatcher {
  private static final Logger LOG = Logger.getLogger(ApiDispatcher.class.getName());
  /** The path of Stratus's own liveness probe. */
  public static final String HEALTH_PATH = "/_stratus/health";

  private final OperationRegistry registry;
  private final Clock clock;
  private final Codecs codecs = new Codecs();
  private final Map<String, Boolean> loggedFailures = new ConcurrentHashMap<>();
  private final Map<String, Supplier<String>> extraRoutes;
  private final java.util.concurrent.CompletableFuture<Void> firstAnswer = new java.util.concurrent.CompletableFuture<>();

  public ApiDispatcher(OperationRegistry registry, Clock clock) {
    this(registry, clock, Map.of());
  }

  /**
   * @param extraRoutes Stratus's own GET routes besides the health check (e.g.
   *     {@code /_stratus/endpoints}): path → body (JSON; PEM for {@code *.pem}, Prometheus text for
   *     paths ending in {@code /metrics}), asked at request time
   */
  public ApiDispatcher(OperationRegistry registry, Clock clock, Map<String, Supplier<String>> extraRoutes) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.extraRoutes = Map.copyOf(extraRoutes);
  }

  /** Done once the first answer (any call, the health check too) has been written to its client. */
  public java.util.concurrent.CompletionStage<Void> firstAnswer() { return firstAnswer.minimalCompletionStage(); }

  /** An answer was written (ApiHttpHandler). */
  void answered() {
    if (!firstAnswer.isDone()) firstAnswer.complete(null);
  }

  /**
   * Builds the URI-template tables of the REST services (~0.2–0.5 s of class loading each), so
   * that the first REST call does not pay for it; safe to run concurrently with calls.
   */
  public void warmUp() {
    for (ServiceDescriptor d : ServiceDescriptor.ALL) {
      if (d.protocol() == Protocol.REST_XML || d.protocol() == Protocol.REST_JSON) {
        codecs.warmUp(registry.service(d));
      }
    }
  }

  public WireResponse dispatch(WireRequest request) {
    String requestId = UUID.randomUUID().toString();
    long started = System.nanoTime();
    CallName name = new CallName();
    WireResponse response = handle(request, requestId, name);
    accessLog(request, response, name, started);
    return withRequestId(response, requestId);
  }

  /** The service and operation a call was routed to, as far as routing got. */
  private static final class CallName {
    String service = "-";
    String operation = "-";
  }

  /*
   * One line per API call at debug (FINE): service, operation, status, milliseconds; a 501 also at
   * info, naming the operation, so that users see what their code needs without turning on debug.
   * Stratus's own routes (/_stratus/...) are polled by scripts and tests: logged at trace (FINER).
   */
  private static void accessLog(WireRequest request, WireResponse response, CallName name, long started) {
    int status = response.status();
    if (status == 501) {
      LOG.info(() -> "NotImplemented: " + name.service + " " + name.operation
          + " is not served by Stratus yet (answered HTTP 501)");
    }
    Level level = request.path().startsWith("/_stratus/") ? Level.FINER : Level.FINE;
    if (LOG.isLoggable(level)) {
      long ms = (System.nanoTime() - started) / 1_000_000;
      LOG.log(level, name.service + " " + name.operation + " " + status + " " + ms + " ms"
          + (name.service.equals("-") ? " " + request.method() + " " + request.path() : ""));
    }
  }

  private WireResponse handle(WireRequest request, String requestId, CallName name) {
    if (HEALTH_PATH.equals(request.path()) && request.method().equals("GET")) {
      return WireResponse.of(200, "application/json", "{\"status\":\"running\"}");
    }
    Supplier<String> extra = request.method().equals("GET") ? extraRoutes.get(request.path()) : null;
    if (extra != null) {
      // PEM routes (the Stratus CA) are served as the file curl --cacert reads, metrics as Prometheus scrapes them.
      String type = request.path().endsWith(".pem") ? "application/x-pem-file"
          : request.path().endsWith("/metrics") ? "text/plain; version=0.0.4; charset=utf-8" : "application/json";
      return WireResponse.of(200, type, extra.get());
    }
    ServiceRouter.Scope scope = ServiceRouter.scope(request);
    Optional<ServiceDescriptor> routed = ServiceRouter.route(request, scope);
    if (routed.isEmpty()) return unknownService(request, scope, requestId);
    ServiceModel service = registry.service(routed.get());
    name.service = routed.get().id();
    ProtocolCodec codec = codecs.of(service.descriptor().protocol());
    String opName = "?";
    try {
      ResolvedCall call = codec.resolve(service, request);
      Operation op = call.operation();
      opName = op.name();
      name.operation = opName;
      SdkPojo sdkRequest;
      try {
        Utf8Input.check(request);
        sdkRequest = codec.decode(call, request);
        Optional<WireFormatException> outOfLimits = InputLimits.check(service.descriptor(), sdkRequest);
        if (outOfLimits.isPresent()) {
          throw outOfLimits.get();
        }
      } catch (WireFormatException e) {
        throw codec.validationError(service, e);
      }
      HandlerMethod handler = registry.handler(op)
          .orElseThrow(() -> AwsException.notImplemented(service.descriptor().id(), op.name()));
      RequestContext context = new RequestContext(RequestContext.accountOf(scope.accessKeyId()),
          scope.region(), requestId, clock.instant(), scope.accessKeyId());
      SdkPojo response = handler.invoke(context, sdkRequest);
      if (response == null) throw new IllegalStateException(handler + " returned null");
      return codec.encode(op, response, requestId);
    } catch (AwsException e) {
      return codec.encodeError(service, bounded(e), requestId);
    } catch (Throwable e) {
      // Even an Error is answered: the caller gets a 500 and the listener keeps serving.
      if (loggedFailures.putIfAbsent(service.descriptor().id() + "." + opName + ":" + e.getClass().getName(), true) == null) {
        LOG.log(Level.WARNING, "internal failure in " + service.descriptor().id() + "." + opName, e);
      }
      return codec.encodeError(service, AwsException.internal(
          "We encountered an internal error. Please try again."), requestId);
    }
  }

  /**
   * A request for a service Stratus does not serve (or cannot name), answered in the error
   * envelope of the protocol the request speaks, so that the client reports the error instead
   * of failing to parse it (a JSON body to {@code aws sts …} was "invalid XML received").
   */
  private WireResponse unknownService(WireRequest request, ServiceRouter.Scope scope, String requestId) {
    Protocol protocol = ServiceRouter.protocolOf(request, scope);
    String type = request.header("Content-Type");
    String jsonVersion = type != null && type.contains("amz-json-1.0") ? "1.0" : "1.1";
    String name = scope.service().isEmpty() ? "unknown" : scope.service();
    var descriptor = new ServiceDescriptor(name, name, protocol, "", jsonVersion, "", "");
    String message = scope.service().isEmpty()
        ? "Stratus cannot tell which AWS service this request is for"
        : "Stratus does not serve the AWS service '" + scope.service() + "'";
    LOG.info(() -> "unknown service: " + request.method() + " " + request.path() + " (" + message + ")");
    return codecs.of(protocol).encodeError(new ServiceModel(descriptor),
        new AwsException("UnknownService", 400, message), requestId);
  }

  /** Longest error message sent: a handler that quotes a huge input must not send it all back. */
  static final int MAX_MESSAGE_CHARS = 1_024;

  private static AwsException bounded(AwsException e) {
    String message = e.getMessage();
    if (message == null || message.length() <= MAX_MESSAGE_CHARS) {
      return e;
    }
    return new AwsException(e.code(), e.httpStatus(), message.substring(0, MAX_MESSAGE_CHARS) + "...", e.fault());
  }

  private static WireResponse withRequestId(WireResponse response, String requestId) {
    return response.withHeader("x-amzn-RequestId", requestId);
  }
}
