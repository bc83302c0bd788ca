package dev.stratus.cloudfront.functions;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * One function's code, compiled once, run by any thread: each run borrows a context of its own
 * from a small pool (a GraalJS context serves one thread at a time), so runs never share state
 * but for what the code keeps in globals, as on AWS where a warm instance is reused.
 */
public final class CompiledFunction implements AutoCloseable {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  /**
   * One run: the handler's return value as JSON, or the error (thrown, or the budget exceeded).
   *
   * @param exceeded the run went past its compute budget
   * @param originChange what the origin helpers asked for, as JSON: {@code {"select": id}},
   *     {@code {"update": {…}}} or {@code {"group": {…}}} (the last call wins)
   */
  public record Run(Optional<String> output, Optional<String> error, boolean exceeded, int computeUtilization,
      List<String> logs, Optional<String> originChange) {
    public Run(Optional<String> output, Optional<String> error, boolean exceeded, int computeUtilization,
        List<String> logs) {
      this(output, error, exceeded, computeUtilization, logs, Optional.empty());
    }
  }

  private final FunctionRuntime runtime;
  private final Source source;
  private final String defaultStore;
  private final BlockingQueue<Slot> idle;

  /**
   * A context and how many runs it has done: its first runs interpret cold code (many times slower
   * than later runs, more so in a young JVM), so until {@link #WARM_AFTER} runs a run is held to
   * {@link #COLD_CPU_LIMIT} only, not to the budget.
   */
  private record Slot(Context context, int runs) {
    boolean warm() { return runs >= WARM_AFTER; }
  }

  /** Runs after which a context is held to the budget. */
  public static final int WARM_AFTER = 3;

  private volatile boolean closed;

  CompiledFunction(FunctionRuntime runtime, String code, String defaultStore) {
    this.runtime = runtime;
    this.source = Source.newBuilder("js", code, "function.js").buildLiteral();
    this.defaultStore = defaultStore;
    this.idle = new ArrayBlockingQueue<>(runtime.limits().poolSize());
    idle.add(new Slot(newContext(), 0));
  }

  /**
   * Runs the handler on {@code eventJson} (AWS's event object) on the calling thread. A watchdog
   * reads this thread's CPU time while it runs and stops the run past the budget (or past
   * {@link #HARD_WALL_LIMIT} however it spent it), so a loop never holds the thread for long.
   */
  public Run run(String eventJson) {
    Slot slot = idle.poll();
    if (slot == null) slot = new Slot(newContext(), 0);
    Context c = slot.context();
    FunctionRuntime.Limits limits = runtime.limits();
    long cpuLimit = slot.warm() ? limits.cpuLimitNanos() : COLD_CPU_LIMIT.toNanos();
    AtomicBoolean finished = new AtomicBoolean();
    long thread = Thread.currentThread().threadId();
    long cpu0 = CPU.getCurrentThreadCpuTime();
    long wall0 = System.nanoTime();
    watch(c, finished, thread, cpu0, cpuLimit, wall0);
    boolean reusable = false;
    try {
      Value out;
      try {
        out = c.getBindings("js").getMember("__run").execute(eventJson);
      } finally {
        if (!finished.compareAndSet(false, true)) return exceeded(); // the watchdog stopped it
      }
      long cpu = CPU.getCurrentThreadCpuTime() - cpu0;
      int utilization = utilization(cpu, limits);
      List<String> logs = logs(out.getMember("logs"));
      reusable = true;
      if (slot.warm() && cpu > cpuLimit) return exceeded();
      if (!out.getMember("done").asBoolean()) {
        return new Run(Optional.empty(), Optional.of("Error: The function did not return a value."), false, utilization, logs);
      }
      Value error = out.getMember("error");
      if (!error.isNull()) return new Run(Optional.empty(), Optional.of(error.asString()), false, utilization, logs);
      Value origin = out.getMember("origin");
      return new Run(Optional.of(out.getMember("value").asString()), Optional.empty(), false, utilization, logs,
          origin.isNull() ? Optional.empty() : Optional.of(origin.asString()));
    } catch (PolyglotException e) {
      if (e.isCancelled() || e.isResourceExhausted()) return exceeded();
      reusable = !e.isInternalError();
      return new Run(Optional.empty(), Optional.of(e.getMessage()), false,
          utilization(CPU.getCurrentThreadCpuTime() - cpu0, limits), List.of());
    } finally {
      if (!reusable || closed || !idle.offer(new Slot(c, slot.runs() + 1))) {
        try {
          c.close(true);
        } catch (RuntimeException ignored) {
          // already closed by the watchdog
        }
      }
    }
  }

  /** A cold context's run (see {@link Slot}) may take this much CPU. */
  static final Duration COLD_CPU_LIMIT = Duration.ofMillis(500);
  /** However a run spends its time, it is stopped after this long. */
  static final Duration HARD_WALL_LIMIT = Duration.ofSeconds(3);

  private void watch(Context c, AtomicBoolean finished, long thread, long cpu0, long cpuLimit, long wall0) {
    long period = Math.max(1_000_000L, Math.min(cpuLimit, runtime.limits().wallLimit().toNanos()) / 2);
    runtime.watchdog().schedule(() -> {
      if (finished.get()) return;
      long used = CPU.getThreadCpuTime(thread) - cpu0;
      if (used > cpuLimit || System.nanoTime() - wall0 > HARD_WALL_LIMIT.toNanos()) {
        if (finished.compareAndSet(false, true)) c.close(true);
      } else {
        watch(c, finished, thread, cpu0, cpuLimit, wall0);
      }
    }, period, TimeUnit.NANOSECONDS);
  }

  private static Run exceeded() {
    return new Run(Optional.empty(), Optional.of("The function exceeded its compute budget."), true, 100, List.of());
  }

  private static int utilization(long cpuNanos, FunctionRuntime.Limits limits) {
    return (int) Math.min(100, Math.round(cpuNanos * 100.0 / limits.cpuLimitNanos()));
  }

  private static List<String> logs(Value array) {
    List<String> out = new ArrayList<>();
    int bytes = 0;
    for (long i = 0; i < array.getArraySize(); i++) {
      String line = array.getArrayElement(i).asString();
      bytes += line.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > FunctionRuntime.MAX_LOG_BYTES) break;
      out.add(line);
    }
    return out;
  }

  private Context newContext() {
    Context c = Context.newBuilder("js").engine(runtime.engine()).allowHostAccess(HostAccess.NONE)
        .allowIO(IOAccess.NONE).allowCreateThread(false).allowNativeAccess(false).allowCreateProcess(false)
        .allowEnvironmentAccess(EnvironmentAccess.NONE).allowPolyglotAccess(PolyglotAccess.NONE)
        .option("js.ecmascript-version", "2022").build();
    try {
      c.getBindings("js").putMember("__host", host());
      c.eval(Source.newBuilder("js", FunctionRuntime.prelude(), "cloudfront-prelude.js").buildLiteral());
      c.eval(source);
      if (!c.getBindings("js").getMember("handler").canExecute()) {
        throw new FunctionException(FunctionException.Kind.SYNTAX_ERROR, "The function code must declare a handler function.");
      }
      return c;
    } catch (PolyglotException e) {
      c.close(true);
      throw new FunctionException(FunctionException.Kind.SYNTAX_ERROR, e.getMessage());
    } catch (RuntimeException e) {
      c.close(true);
      throw e;
    }
  }

  /** What the prelude's modules call: digests, HMACs and key value store reads. */
  private ProxyObject host() {
    KeyValueStores stores = runtime.stores();
    return ProxyObject.fromMap(Map.of(
        "digest", (ProxyExecutable) a -> digest(a[0].asString(), a[1].isNull() ? null : a[1].asString(), a[2].asString(),
            a[3].asString()),
        "kvsGet", (ProxyExecutable) a -> stores.get(a[0].asString(), a[1].asString()).orElse(null),
        "kvsMeta", (ProxyExecutable) a -> stores.meta(a[0].asString()),
        "associatedStore", (ProxyExecutable) a -> defaultStore,
        "defaultStore", (ProxyExecutable) a -> {
          if (defaultStore == null) throw new IllegalStateException("no key value store is associated with this function");
          return defaultStore;
        }));
  }

  static String digest(String algorithm, String key, String data, String encoding) {
    byte[] in = data.getBytes(StandardCharsets.ISO_8859_1); // the prelude passes bytes as chars 0–255
    byte[] out;
    try {
      if (key == null) {
        out = MessageDigest.getInstance(switch (algorithm) {
          case "md5" -> "MD5";
          case "sha1" -> "SHA-1";
          default -> "SHA-256";
        }).digest(in);
      } else {
        String mac = switch (algorithm) {
          case "md5" -> "HmacMD5";
          case "sha1" -> "HmacSHA1";
          default -> "HmacSHA256";
        };
        Mac m = Mac.getInstance(mac);
        m.init(new SecretKeySpec(key.getBytes(StandardCharsets.ISO_8859_1), mac));
        out = m.doFinal(in);
      }
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
    return switch (encoding) {
      case "hex" -> HexFormat.of().formatHex(out);
      case "base64" -> Base64.getEncoder().encodeToString(out);
      case "base64url" -> Base64.getUrlEncoder().withoutPadding().encodeToString(out);
      default -> {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < out.length; i++) s.append(i == 0 ? "" : ",").append(out[i] & 0xff);
        yield s.append(']').toString();
      }
    };
  }

  @Override
  public void close() {
    closed = true;
    Slot s;
    while ((s = idle.poll()) != null) s.context().close(true);
  }
}
