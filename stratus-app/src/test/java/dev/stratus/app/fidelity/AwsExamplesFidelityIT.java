package dev.stratus.app.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stratus.core.Extensions;
import dev.stratus.core.RequestContext;
import dev.stratus.core.ServiceModule;
import dev.stratus.core.Settings;
import dev.stratus.core.StratusContext;
import dev.stratus.core.store.MemoryStore;
import dev.stratus.ec2.Ec2Module;
import dev.stratus.protocol.testing.ApiTestServer;
import dev.stratus.route53.Route53Module;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Stratus's responses against AWS's own: every example the installed AWS CLI ships for an
 * operation Stratus serves runs, as written, against an in-process Stratus, with the example's ids
 * replaced by resources made for it in a fresh account ({@link ExampleFixture}); every key path of
 * the example's output must appear in Stratus's with the same JSON type and, for constants, the
 * same value ({@link OutputShape}). A difference fails the test unless the reviewed table
 * ({@link KnownDifferences}) explains it; a row nothing matches fails it too. Prints the coverage
 * per service and writes every finding to {@code target/aws-example-fidelity.txt}.
 */
class AwsExamplesFidelityIT {
  private static final List<String> SERVICES = List.of("ec2", "route53");

  @Test
  void awsExampleOutputs_sameKeysTypesAndConstants() throws Exception {
    assumeTrue(AwsExamples.present(), "AWS CLI v2 (/usr/bin/aws) not installed");
    Map<String, Set<String>> served = servedOperations();
    KnownDifferences known = new KnownDifferences();
    List<String> unexplained = new ArrayList<>();
    StringBuilder report = new StringBuilder();
    Map<String, Set<String>> checked = new LinkedHashMap<>(), ran = new LinkedHashMap<>();
    long account = 100_000_000_000L, started = System.nanoTime();
    try (ApiTestServer server = ApiTestServer.start(Clock.systemUTC(), new Ec2Module(), new Route53Module());
        AwsExamples aws = new AwsExamples(SERVICES)) {
      for (AwsExamples.Example ex : aws.examples) {
        String op = ex.operation().toLowerCase(Locale.ROOT);
        if (!served.get(ex.service()).contains(op)) continue;
        List<OutputShape.Difference> diffs = new ArrayList<>();
        boolean compared = run(server, aws, ex, String.valueOf(++account), diffs);
        if (diffs.stream().noneMatch(d -> d.kind().equals("error") || d.kind().equals("fixture"))) {
          ran.computeIfAbsent(ex.service(), k -> new TreeSet<>()).add(op);
          if (compared) checked.computeIfAbsent(ex.service(), k -> new TreeSet<>()).add(op);
        }
        for (OutputShape.Difference d : diffs) {
          boolean ok = known.explains(ex.name(), d.path(), d.kind());
          String line = (ok ? "known      " : "UNEXPLAINED") + " | " + ex.name() + " | " + d.path() + " | " + d.kind()
              + " | " + d.detail();
          report.append(line).append('\n');
          if (!ok) unexplained.add(line);
        }
      }
    }
    for (String service : SERVICES) {
      String line = ("AWS example fidelity: %s %d/%d operations with an example output checked (%d with an example run,"
          + " %d s)").formatted(service, checked.getOrDefault(service, Set.of()).size(), served.get(service).size(),
              ran.getOrDefault(service, Set.of()).size(), (System.nanoTime() - started) / 1_000_000_000L);
      System.out.println(line);
      report.insert(0, line + "\n");
      Set<String> without = new TreeSet<>(served.get(service));
      without.removeAll(ran.getOrDefault(service, Set.of()));
      report.append(service).append(" served, no example run: ").append(without).append('\n');
    }
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/aws-example-fidelity.txt"), report, StandardCharsets.UTF_8);
    assertThat(unexplained).as("differences from AWS's examples not in " + KnownDifferences.FILE).isEmpty();
    assertThat(known.unused()).as("rows of " + KnownDifferences.FILE + " that no difference needs").isEmpty();
  }

  /** Runs one example; returns whether an output was compared, adding what differs to {@code diffs}. */
  private static boolean run(ApiTestServer server, AwsExamples aws, AwsExamples.Example ex, String account,
      List<OutputShape.Difference> diffs) throws Exception {
    if (ex.brokenOutput()) diffs.add(new OutputShape.Difference("*", "broken", "AWS's example output is not JSON"));
    if (ex.args().stream().anyMatch(a -> a.startsWith("file://") || a.startsWith("fileb://"))) return false;
    int r = ex.args().indexOf("--region");
    String region = r >= 0 && r + 1 < ex.args().size() ? ex.args().get(r + 1) : "us-east-1";
    try (ExampleFixture fixture = new ExampleFixture(server.endpoint(), account, region, ex.command())) {
      List<String> args;
      try {
        args = new ArrayList<>(fixture.substitute(ex.service(), ex.args()));
        fixture.prepare(args);
      } catch (RuntimeException e) {
        diffs.add(new OutputShape.Difference("*", "fixture", String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
        return false;
      }
      args.addAll(List.of("--endpoint-url", server.endpoint().toString()));
      if (r < 0) args.addAll(List.of("--region", region));
      boolean json = !args.contains("--output");
      if (json) args.addAll(List.of("--output", "json"));
      for (List<String> pre : fixture.before(args)) {
        AwsExamples.Result r0 = aws.run(pre, account);
        if (r0.exit() != 0) {
          diffs.add(new OutputShape.Difference("*", "fixture", pre.get(1) + ": " + r0.err().strip().lines().findFirst().orElse("")));
          return false;
        }
      }
      AwsExamples.Result result = aws.run(args, account);
      if (result.exit() != 0) {
        diffs.add(new OutputShape.Difference("*", "error", result.err().strip().lines().reduce("", (a, b) -> a + " " + b)
            .strip()));
        return false;
      }
      if (!ex.json() || !json) return false;
      JsonNode expected = AwsExamples.JSON.readTree(ex.output());
      JsonNode actual = result.out().isBlank() ? AwsExamples.JSON.createObjectNode() : AwsExamples.JSON.readTree(result.out());
      diffs.addAll(new OutputShape(expected).differences(new OutputShape(actual), aws.enums.get(ex.service()),
          fixture::mapped));
      return true;
    }
  }

  /** Per service, the operations (lower case) some handler of the modules serves. */
  private static Map<String, Set<String>> servedOperations() throws Exception {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    SERVICES.forEach(s -> out.put(s, new TreeSet<>()));
    var context = new StratusContext(new MemoryStore(), Clock.systemUTC(), Settings.ephemeral(0, 0), new Extensions());
    for (ServiceModule module : List.of(new Ec2Module(), new Route53Module())) {
      ServiceModule.Started started = module.start(context);
      for (Object handler : started.apiHandlers()) {
        for (Method m : handler.getClass().getMethods()) {
          if (m.getParameterCount() != 2 || m.getParameterTypes()[0] != RequestContext.class) continue;
          Class<?> request = m.getParameterTypes()[1];
          String pkg = request.getPackageName();
          if (!request.getSimpleName().endsWith("Request") || !pkg.startsWith("software.amazon.awssdk.services.")) continue;
          String service = pkg.substring("software.amazon.awssdk.services.".length(), pkg.lastIndexOf(".model"));
          String op = request.getSimpleName().substring(0, request.getSimpleName().length() - "Request".length());
          if (out.containsKey(service)) out.get(service).add(op.toLowerCase(Locale.ROOT));
        }
      }
      for (AutoCloseable c : started.resources()) c.close();
    }
    return out;
  }
}
