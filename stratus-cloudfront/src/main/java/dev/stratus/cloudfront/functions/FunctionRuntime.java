package dev.stratus.cloudfront.functions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.graalvm.polyglot.Engine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CloudFront Functions runtime ({@code cloudfront-js-2.0} on GraalJS): compiles code once
 * ({@link #compile}) into a {@link CompiledFunction} that any thread may run, and answers
 * TestFunction ({@link #test}). One GraalJS engine is shared by every function, so parsed code and
 * the engine's warm-up are shared too.
 */
public final class FunctionRuntime implements AutoCloseable {
  /** AWS's quota: function code ≤ 10 KB. */
  public static final int MAX_CODE_BYTES = 10_240;
  /** Function logs are truncated at 10 KB (cloudfront-function-restrictions, "Logs"). */
  static final int MAX_LOG_BYTES = 10_240;

  /**
   * The compute budget. AWS allows about {@code budget} (1 ms) on its engine; this interpreter is
   * slower than AWS's, so a run may take {@code scale} times as long, and ComputeUtilization is the
   * run's CPU time as a percentage of {@code budget × scale}. A run past 100 is ended: a watchdog
   * reads the running thread's CPU time every half budget (at most every {@code wallLimit}).
   *
   * @param poolSize contexts kept per function for concurrent runs
   */
  public record Limits(Duration budget, int scale, Duration wallLimit, int poolSize) {
    public Limits {
      Objects.requireNonNull(budget, "budget");
      Objects.requireNonNull(wallLimit, "wallLimit");
      if (scale < 1 || poolSize < 1) throw new IllegalArgumentException("scale and poolSize must be positive");
    }

    public static Limits standard() {
      return new Limits(Duration.ofMillis(1), 20, Duration.ofMillis(250), 4);
    }

    long cpuLimitNanos() { return budget.toNanos() * scale; }
  }

  /**
   * TestFunction's TestResult: FunctionOutput (JSON, {@code {"request": …}} or {@code {"response": …}}),
   * FunctionErrorMessage, ComputeUtilization and FunctionExecutionLogs.
   */
  public record TestResult(String functionOutput, String functionErrorMessage, int computeUtilization,
      List<String> functionExecutionLogs) {}

  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String PRELUDE = resource("prelude.js");

  private final Limits limits;
  private final KeyValueStores stores;
  private final Engine engine;
  private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "cloudfront-functions-watchdog");
    t.setDaemon(true);
    return t;
  });

  public FunctionRuntime(Limits limits, KeyValueStores stores) {
    this.limits = limits;
    this.stores = stores;
    this.engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
  }

  public FunctionRuntime() {
    this(Limits.standard(), new KeyValueStores());
  }

  public KeyValueStores keyValueStores() { return stores; }

  public Limits limits() { return limits; }

  /**
   * Compiles {@code code} (≤ 10 KB, must declare {@code handler}); the first context is made here
   * so that the first viewer does not pay for it.
   *
   * @param defaultStore the key value store {@code cloudfront.kvs()} opens without an id (the
   *     function's associated one), or null
   * @throws FunctionException code too large or not valid
   */
  public CompiledFunction compile(String code, String defaultStore) {
    if (code.getBytes(StandardCharsets.UTF_8).length > MAX_CODE_BYTES) {
      throw new FunctionException(FunctionException.Kind.SIZE_LIMIT_EXCEEDED,
          "The function code is larger than the maximum allowed size of " + MAX_CODE_BYTES + " bytes.");
    }
    return new CompiledFunction(this, ModuleSyntax.toScript(code), defaultStore);
  }

  public CompiledFunction compile(String code) {
    return compile(code, null);
  }

  /** TestFunction: {@code eventJson} is AWS's EventObject (version, context, viewer, request[, response]). */
  public TestResult test(String code, String eventJson) {
    return test(code, eventJson, null);
  }

  /** As {@link #test(String, String)} for a function associated with key value store {@code defaultStore} (or null). */
  public TestResult test(String code, String eventJson, String defaultStore) {
    CompiledFunction f;
    try {
      f = compile(code, defaultStore);
    } catch (FunctionException e) {
      return new TestResult(null, e.getMessage(), 0, List.of());
    }
    try {
      // the first runs of fresh code are cold (see CompiledFunction.Slot); AWS reports a warm run
      CompiledFunction.Run run = f.run(eventJson);
      for (int i = 0; i < CompiledFunction.WARM_AFTER && run.error().isEmpty(); i++) run = f.run(eventJson);
      if (run.error().isPresent()) {
        return new TestResult(null, run.error().get(), run.computeUtilization(), run.logs());
      }
      JsonNode value = JSON.readTree(run.output().orElse("null"));
      ObjectNode out = JSON.createObjectNode();
      out.set(value != null && value.has("statusCode") ? "response" : "request", value);
      return new TestResult(JSON.writeValueAsString(out), null, run.computeUtilization(), run.logs());
    } finally {
      f.close();
    }
  }

  Engine engine() { return engine; }

  KeyValueStores stores() { return stores; }

  ScheduledExecutorService watchdog() { return watchdog; }

  static String prelude() { return PRELUDE; }

  @Override
  public void close() {
    watchdog.shutdownNow();
    engine.close(true);
  }

  private static String resource(String name) {
    try (InputStream in = FunctionRuntime.class.getResourceAsStream(name)) {
      return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
