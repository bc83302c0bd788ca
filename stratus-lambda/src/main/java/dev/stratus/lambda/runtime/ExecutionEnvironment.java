package dev.stratus.lambda.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One execution environment: an interpreter process running Stratus's bootstrap for the
 * function, and the Lambda runtime API it polls, served on its own loopback port
 * ({@code AWS_LAMBDA_RUNTIME_API}). It runs one invocation at a time and stays warm between
 * invocations; a timeout or a crash ends it.
 */
final class ExecutionEnvironment implements AutoCloseable {
  private static final String PREFIX = "/2018-06-01/runtime";
  /** What the log keeps (the tail AWS returns is 4 KB). */
  private static final int LOG_LIMIT = 64 * 1024;
  /** Lambda's synchronous response limit. */
  static final int MAX_RESPONSE = 6 * 1024 * 1024;

  /** An invocation handed to the runtime. */
  private record Invocation(String requestId, byte[] payload, long deadlineMs, String invokedArn,
      CompletableFuture<Completion> done) {}

  /** The runtime's answer: a response, or an error document. */
  private record Completion(byte[] payload, String functionError) {}

  private final FunctionSpec spec;
  private final HttpServer api;
  private final Process process;
  private final java.util.concurrent.ExecutorService apiThreads;
  /** The function's log file (what CloudWatch Logs would hold), or null. */
  private final java.io.OutputStream logFile;
  private final LinkedBlockingQueue<Invocation> queue = new LinkedBlockingQueue<>();
  private final StringBuilder log = new StringBuilder();
  private volatile Invocation current;
  private volatile byte[] initError;
  private volatile boolean dead;
  private boolean invokedBefore;
  private volatile long lastOutput;
  /** When the environment last finished an invocation ({@link System#nanoTime}). */
  private volatile long lastUsed = System.nanoTime();

  private ExecutionEnvironment(FunctionSpec spec, HttpServer api, java.util.concurrent.ExecutorService apiThreads,
      Process process, java.io.OutputStream logFile) {
    this.logFile = logFile;
    this.spec = spec;
    this.api = api;
    this.apiThreads = apiThreads;
    this.process = process;
  }

  /** Starts the runtime API and the interpreter; the handler loads while the first invocation is queued. */
  static ExecutionEnvironment start(FunctionSpec spec, Path interpreter, Path bootstrap, Map<String, String> baseEnv,
      Path logPath) throws IOException {
    HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    var apiThreads = Executors.newVirtualThreadPerTaskExecutor();
    api.setExecutor(apiThreads);
    String address = "127.0.0.1:" + api.getAddress().getPort();
    List<String> command = interpreter.getFileName().toString().startsWith("python")
        ? List.of(interpreter.toString(), "-u", bootstrap.toString())
        : List.of(interpreter.toString(), bootstrap.toString());
    ProcessBuilder pb = new ProcessBuilder(command).directory(spec.taskRoot().toFile()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.clear();
    env.putAll(spec.environment());
    env.putAll(baseEnv);
    env.put("AWS_LAMBDA_RUNTIME_API", address);
    ExecutionEnvironment ee;
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      api.stop(0);
      apiThreads.shutdownNow();
      throw e;
    }
    java.io.OutputStream logFile = null;
    try {
      java.nio.file.Files.createDirectories(logPath.getParent());
      logFile = java.nio.file.Files.newOutputStream(logPath, java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      // the function runs without a log file; LogType Tail still works
    }
    ee = new ExecutionEnvironment(spec, api, apiThreads, process, logFile);
    api.createContext(PREFIX, ee::handle);
    api.start();
    // A platform thread: reading a pipe blocks in native code and would pin a virtual thread's
    // carrier for the environment's whole life; the scheduler's stand-in carrier retires after
    // 30 s idle, and then one warm environment per core starves every virtual thread (the API).
    Thread.ofPlatform().daemon().stackSize(256 * 1024).name("lambda-log-" + spec.functionName()).start(ee::readLog);
    process.onExit().thenRun(ee::exited);
    return ee;
  }

  FunctionSpec spec() { return spec; }

  boolean alive() { return !dead && process.isAlive(); }

  long pid() { return process.pid(); }

  /** How long the environment has been idle. */
  Duration idleFor() { return Duration.ofNanos(System.nanoTime() - lastUsed); }

  /** Runs one invocation; a timeout kills the environment. */
  RuntimeResult invoke(String requestId, byte[] payload, String invokedArn, Duration callerLimit, boolean wantLog) {
    long started = System.nanoTime();
    Duration limit = Duration.ofSeconds(spec.timeoutSeconds());
    synchronized (log) {
      if (invokedBefore) log.setLength(0); // the first invocation's log also shows the init output
      invokedBefore = true;
    }
    appendLog("START RequestId: " + requestId + " Version: " + spec.version() + "\n");
    var inv = new Invocation(requestId, payload, System.currentTimeMillis() + limit.toMillis(), invokedArn,
        new CompletableFuture<>());
    Completion completion;
    if (initError != null || !alive()) {
      completion = new Completion(initError != null ? initError : exitDocument(requestId), "Unhandled");
    } else {
      queue.add(inv);
      if (!alive()) exited(); // died between the check and the queueing
      try {
        completion = inv.done().get(Math.min(limit.toMillis(), callerLimit.toMillis()), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        close();
        String seconds = String.format("%d.00", limit.toSeconds());
        completion = new Completion(("{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"RequestId: " + requestId
            + " Error: Task timed out after " + seconds + " seconds\"}").getBytes(StandardCharsets.UTF_8), "Unhandled");
        appendLog(java.time.Instant.now() + " " + requestId + " Task timed out after " + seconds + " seconds\n");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        completion = new Completion(exitDocument(requestId), "Unhandled");
      } catch (ExecutionException e) {
        completion = new Completion(exitDocument(requestId), "Unhandled");
      }
    }
    if (wantLog) drainLog();
    double ms = (System.nanoTime() - started) / 1e6;
    appendLog("END RequestId: " + requestId + "\n" + String.format("REPORT RequestId: %s\tDuration: %.2f ms\t"
        + "Billed Duration: %d ms\tMemory Size: %d MB\tMax Memory Used: %d MB\t%n", requestId, ms, (long) Math.ceil(ms),
        spec.memorySize(), spec.memorySize()));
    String tail;
    synchronized (log) {
      tail = log.toString();
    }
    lastUsed = System.nanoTime();
    return new RuntimeResult(completion.payload(), completion.functionError(), tail);
  }

  private byte[] exitDocument(String requestId) {
    String reason = process.isAlive() ? "Runtime exited without providing a reason"
        : "Runtime exited with error: exit status " + process.exitValue();
    return ("{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"RequestId: " + requestId
        + " Error: " + reason + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath().substring(PREFIX.length());
      byte[] body = ex.getRequestBody().readAllBytes();
      if (path.equals("/invocation/next") && ex.getRequestMethod().equals("GET")) {
        Invocation inv;
        try {
          inv = queue.take();
        } catch (InterruptedException e) {
          ex.sendResponseHeaders(500, -1);
          return;
        }
        current = inv;
        var h = ex.getResponseHeaders();
        h.set("Content-Type", "application/json");
        h.set("Lambda-Runtime-Aws-Request-Id", inv.requestId());
        h.set("Lambda-Runtime-Deadline-Ms", Long.toString(inv.deadlineMs()));
        h.set("Lambda-Runtime-Invoked-Function-Arn", inv.invokedArn());
        h.set("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
            + inv.requestId().replace("-", "").substring(0, 24) + ";Sampled=0");
        ex.sendResponseHeaders(200, inv.payload().length == 0 ? -1 : inv.payload().length);
        ex.getResponseBody().write(inv.payload());
        return;
      }
      if (path.equals("/init/error") && ex.getRequestMethod().equals("POST")) {
        initError = body;
        Invocation queued = queue.poll();
        if (queued != null) queued.done().complete(new Completion(body, "Unhandled"));
        accepted(ex);
        return;
      }
      if (path.startsWith("/invocation/") && ex.getRequestMethod().equals("POST")) {
        String[] parts = path.split("/");
        Invocation inv = current;
        if (parts.length != 4 || inv == null || !inv.requestId().equals(parts[2])) {
          answer(ex, 400, "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
          return;
        }
        if (parts[3].equals("response") && body.length > MAX_RESPONSE) {
          inv.done().complete(new Completion(("{\"errorMessage\":\"Response payload size exceeded maximum allowed payload"
              + " size (" + MAX_RESPONSE + " bytes).\",\"errorType\":\"Function.ResponseSizeTooLarge\"}")
              .getBytes(StandardCharsets.UTF_8), "Unhandled"));
        } else if (parts[3].equals("response")) {
          inv.done().complete(new Completion(body, null));
        } else if (parts[3].equals("error")) {
          inv.done().complete(new Completion(body, "Unhandled"));
        } else {
          answer(ex, 404, "{\"errorMessage\":\"Not found\"}");
          return;
        }
        current = null;
        accepted(ex);
        return;
      }
      answer(ex, 404, "{\"errorMessage\":\"Not found\"}");
    }
  }

  private static void accepted(HttpExchange ex) throws IOException {
    answer(ex, 202, "{\"status\":\"OK\"}");
  }

  private static void answer(HttpExchange ex, int status, String json) throws IOException {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
  }

  private void readLog() {
    byte[] buf = new byte[8192];
    try (InputStream in = process.getInputStream()) {
      for (int n; (n = in.read(buf)) > 0; ) appendLog(new String(buf, 0, n, StandardCharsets.UTF_8));
    } catch (IOException e) {
      // the process ended
    }
  }

  private void appendLog(String text) {
    lastOutput = System.nanoTime();
    synchronized (log) {
      log.append(text);
      if (log.length() > LOG_LIMIT) log.delete(0, log.length() - LOG_LIMIT);
      if (logFile != null) {
        try {
          logFile.write(text.getBytes(StandardCharsets.UTF_8));
          logFile.flush();
        } catch (IOException e) {
          // a full disk loses the file log, not the invocation
        }
      }
    }
  }

  /**
   * Lets output the runtime wrote before answering reach the log: the bootstraps write
   * unbuffered, so the bytes are in the pipe; wait until the reader has been quiet for a moment.
   */
  private void drainLog() {
    try {
      Thread.sleep(3);
      for (int i = 0; i < 25 && System.nanoTime() - lastOutput < 3_000_000L; i++) Thread.sleep(2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void exited() {
    dead = true;
    Invocation inv = current;
    Invocation queued = queue.poll();
    for (Invocation i : new Invocation[] {inv, queued}) {
      if (i == null) continue;
      byte[] doc = initError != null ? initError : exitDocument(i.requestId());
      i.done().complete(new Completion(doc, "Unhandled"));
    }
  }

  @Override
  public void close() {
    dead = true;
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    api.stop(0);
    apiThreads.shutdownNow();
    if (logFile != null) {
      try {
        logFile.close();
      } catch (IOException e) {
        // nothing left to write
      }
    }
  }
}
