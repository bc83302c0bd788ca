package dev.stratus.lambda.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs invocations in execution environments: a warm idle environment of the function's current
 * revision when there is one, else a new one (concurrent invocations get their own). Every
 * process is killed on {@link #close}. Callers block (run it on a virtual thread).
 */
public final class FunctionRuntime implements AutoCloseable {
  /** An environment idle this long is shut down, as Lambda reclaims idle environments. */
  static final Duration IDLE_LIMIT = Duration.ofMinutes(10);

  private final Interpreters interpreters;
  private final Path bootstrapDir;
  private final Path logDir;
  private final Map<String, String> sharedEnvironment;
  private final Map<String, ArrayDeque<ExecutionEnvironment>> idle = new HashMap<>();
  private final Set<ExecutionEnvironment> all = new HashSet<>();
  private boolean closed;

  /**
   * @param workDir where the bootstrap scripts are written
   * @param sharedEnvironment variables every function sees besides AWS's own (e.g. AWS_ENDPOINT_URL)
   */
  public FunctionRuntime(Interpreters interpreters, Path workDir, Map<String, String> sharedEnvironment) {
    this.interpreters = interpreters;
    this.sharedEnvironment = Map.copyOf(sharedEnvironment);
    this.bootstrapDir = workDir.resolve("runtime");
    this.logDir = workDir.resolve("logs");
    try {
      Files.createDirectories(bootstrapDir);
      for (String name : List.of("bootstrap.py", "bootstrap.mjs")) {
        try (InputStream in = FunctionRuntime.class.getResourceAsStream(name)) {
          if (in == null) throw new IllegalStateException("missing resource " + name);
          Files.copy(in, bootstrapDir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The runtime cannot start an environment (no interpreter, process failed to start). */
  public static final class StartFailure extends Exception {
    public StartFailure(String message) { super(message, null, false, false); }
  }

  /** Invokes {@code spec}'s handler with {@code payload}; blocks until it ends ({@code wantLog}: complete the log). */
  public RuntimeResult invoke(FunctionSpec spec, byte[] payload, String requestId, String invokedArn,
      Duration callerLimit, boolean wantLog) throws StartFailure {
    ExecutionEnvironment env = acquire(spec);
    try {
      return env.invoke(requestId, payload, invokedArn, callerLimit, wantLog);
    } finally {
      release(env);
    }
  }

  /** The process ids of the function's live environments (tests, {@code stratus endpoints}). */
  public synchronized List<Long> pids(String functionArn) {
    List<Long> pids = new ArrayList<>();
    for (ExecutionEnvironment e : all) if (e.spec().functionArn().equals(functionArn) && e.alive()) pids.add(e.pid());
    return pids;
  }

  /** Ends the idle environments of a function (deleted, or updated: the next invocation starts fresh). */
  public void retire(String functionArn) {
    List<ExecutionEnvironment> ending;
    synchronized (this) {
      var q = idle.remove(functionArn);
      ending = q == null ? List.of() : new ArrayList<>(q);
      ending.forEach(all::remove);
    }
    ending.forEach(ExecutionEnvironment::close);
  }

  private ExecutionEnvironment acquire(FunctionSpec spec) throws StartFailure {
    List<ExecutionEnvironment> stale = new ArrayList<>();
    try {
      synchronized (this) {
        if (closed) throw new StartFailure("Lambda is shutting down");
        var q = idle.get(spec.functionArn());
        while (q != null && !q.isEmpty()) {
          ExecutionEnvironment e = q.pollFirst(); // the most recently used is the warmest
          if (e.alive() && e.spec().revisionId().equals(spec.revisionId())) return e;
          all.remove(e);
          stale.add(e);
        }
      }
    } finally {
      stale.forEach(ExecutionEnvironment::close);
    }
    Optional<Path> interpreter = interpreters.forRuntime(spec.runtime());
    if (interpreter.isEmpty()) throw new StartFailure("No interpreter on this machine runs " + spec.runtime());
    Path bootstrap = bootstrapDir.resolve(spec.runtime().startsWith("python") ? "bootstrap.py" : "bootstrap.mjs");
    ExecutionEnvironment env;
    try {
      env = ExecutionEnvironment.start(spec, interpreter.get(), bootstrap, awsEnvironment(spec, interpreter.get()),
          logPath(spec));
    } catch (IOException e) {
      throw new StartFailure("Could not start the " + spec.runtime() + " runtime: " + e.getMessage());
    }
    synchronized (this) {
      if (closed) {
        env.close();
        throw new StartFailure("Lambda is shutting down");
      }
      all.add(env);
    }
    return env;
  }

  private void release(ExecutionEnvironment env) {
    List<ExecutionEnvironment> ending = new ArrayList<>();
    synchronized (this) {
      if (!closed && env.alive()) {
        idle.computeIfAbsent(env.spec().functionArn(), k -> new ArrayDeque<>()).addFirst(env);
      } else {
        all.remove(env);
        ending.add(env);
      }
      // Reclaim environments idle too long (the least recently used sit at the end of each queue).
      for (var q : idle.values()) {
        while (!q.isEmpty() && q.peekLast().idleFor().compareTo(IDLE_LIMIT) > 0) {
          ExecutionEnvironment old = q.pollLast();
          all.remove(old);
          ending.add(old);
        }
      }
      idle.values().removeIf(ArrayDeque::isEmpty);
    }
    ending.forEach(ExecutionEnvironment::close);
  }

  /** Where a function's output goes, as CloudWatch Logs' {@code /aws/lambda/<name>} would hold it. */
  public Path logPath(FunctionSpec spec) {
    return logDir.resolve(spec.account()).resolve(spec.region()).resolve(spec.functionName() + ".log");
  }

  /** The variables AWS sets in a function's environment. */
  private Map<String, String> awsEnvironment(FunctionSpec spec, Path interpreter) {
    Map<String, String> env = new LinkedHashMap<>(sharedEnvironment);
    env.put("PATH", interpreter.getParent() + ":/usr/local/bin:/usr/bin:/bin");
    env.put("LANG", "en_US.UTF-8");
    env.put("TZ", ":UTC");
    env.put("_HANDLER", spec.handler());
    env.put("AWS_REGION", spec.region());
    env.put("AWS_DEFAULT_REGION", spec.region());
    env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + spec.runtime());
    env.put("AWS_LAMBDA_FUNCTION_NAME", spec.functionName());
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memorySize()));
    env.put("AWS_LAMBDA_FUNCTION_VERSION", spec.version());
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.functionName());
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString().replace('-', '/')
        + "/[" + spec.version() + "]" + java.util.UUID.randomUUID().toString().replace("-", ""));
    env.put("LAMBDA_TASK_ROOT", spec.taskRoot().toString());
    env.put("LAMBDA_RUNTIME_DIR", bootstrapDir.toString());
    // The execution role's credentials in AWS; here the function's own account, signing for Stratus.
    env.put("AWS_ACCESS_KEY_ID", spec.account());
    env.put("AWS_SECRET_ACCESS_KEY", "stratus");
    if (spec.runtime().startsWith("python")) env.put("PYTHONUNBUFFERED", "1");
    return env;
  }

  @Override
  public void close() {
    List<ExecutionEnvironment> ending;
    synchronized (this) {
      closed = true;
      ending = new ArrayList<>(all);
      all.clear();
      idle.clear();
    }
    ending.forEach(ExecutionEnvironment::close);
  }
}
