package dev.stratus.app.fidelity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * AWS's own CLI examples ({@code awscli/examples/<service>/<command>.rst} of the installed AWS CLI
 * v2) and the CLI that runs them: one Python process ({@code fidelity/aws_examples.py}) that lists
 * the examples, then runs CLI commands in-process on request (a fresh CLI start per command
 * would cost a second each).
 */
final class AwsExamples implements AutoCloseable {
  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String PYTHON = "/usr/bin/python3";
  private static final Path SCRIPT = Path.of("src/test/resources/fidelity/aws_examples.py");

  /** One example: the command's arguments after {@code aws} and the output AWS printed (null if none). */
  record Example(String service, String command, String operation, int index, List<String> args, String output,
      boolean json, Map<String, String> files) {
    String name() { return service + " " + command + " #" + index; }

    /** The output starts like JSON but does not parse: AWS's example is broken. */
    boolean brokenOutput() { return output != null && !json && (output.startsWith("{") || output.startsWith("[")); }
  }

  /** One CLI run. */
  record Result(int exit, String out, String err) {}

  private final Process process;
  private final BufferedReader in;
  private final Writer out;
  final List<Example> examples = new ArrayList<>();
  /** Every enum value of each service's model: the strings compared by value. */
  final Map<String, Set<String>> enums = new java.util.HashMap<>();

  /** Whether the CLI v2 of Debian's awscli package is here; under {@code CI=true} its absence fails. */
  static boolean present() {
    boolean present = Files.isExecutable(Path.of("/usr/bin/aws")) && Files.isExecutable(Path.of(PYTHON));
    if (!present && "true".equals(System.getenv("CI"))) throw new AssertionError("CI lacks the AWS CLI (/usr/bin/aws)");
    return present;
  }

  AwsExamples(List<String> services) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(PYTHON, SCRIPT.toAbsolutePath().toString()));
    cmd.addAll(services);
    // the files examples write (get-object's and invoke's outfile) land in target/, not in the source tree
    Path cwd = Files.createDirectories(Path.of("target/aws-examples-cwd"));
    process = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    out = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    JsonNode listing = JSON.readTree(readLine());
    for (JsonNode e : listing.get("examples")) {
      List<String> args = new ArrayList<>();
      if (e.get("args").isNull()) continue;
      e.get("args").forEach(a -> args.add(a.asString()));
      examples.add(new Example(e.get("service").asString(), e.get("command").asString(),
          e.get("operation").asString(), e.get("index").asInt(), List.copyOf(args),
          e.get("output").isNull() ? null : e.get("output").asString(), e.get("json").asBoolean(), files(e.get("files"))));
    }
    listing.get("enums").properties().forEach(p -> {
      Set<String> values = new TreeSet<>();
      p.getValue().forEach(v -> values.add(v.asString()));
      enums.put(p.getKey(), values);
    });
  }

  /** The files an example reads ({@code file://NAME}) as its page shows them after it. */
  private static Map<String, String> files(JsonNode files) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    if (files != null) files.properties().forEach(p -> out.put(p.getKey(), p.getValue().asString()));
    return Map.copyOf(out);
  }

  /** Runs {@code aws <args>} as account {@code accessKey} (12 digits: Stratus's account). */
  Result run(List<String> args, String accessKey) throws IOException {
    var request = JSON.createObjectNode();
    request.put("accessKey", accessKey);
    var a = request.putArray("args");
    args.forEach(a::add);
    out.write(JSON.writeValueAsString(request) + "\n");
    out.flush();
    JsonNode r = JSON.readTree(readLine());
    return new Result(r.get("exit").asInt(), r.get("out").asString(), r.get("err").asString());
  }

  /** The model's structure that holds the last key of an output path ({@code Vpc}), or null for the operation's output. */
  String owner(String service, String operation, String path) throws IOException {
    var request = JSON.createObjectNode();
    var a = request.putArray("owner");
    a.add(service).add(operation).add(path);
    out.write(JSON.writeValueAsString(request) + "\n");
    out.flush();
    JsonNode r = JSON.readTree(readLine());
    return r.get("owner").isNull() ? null : r.get("owner").asString();
  }

  private String readLine() throws IOException {
    String line = in.readLine();
    if (line == null) throw new IOException("aws_examples.py ended early (exit " + waitExit() + ")");
    return line;
  }

  private int waitExit() {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
    if (!waitFor(10)) process.destroyForcibly();
  }

  private boolean waitFor(int seconds) {
    try {
      return process.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
