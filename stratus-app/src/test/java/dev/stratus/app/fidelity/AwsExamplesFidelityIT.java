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
import dev.stratus.elbv2.Elbv2Module;
import dev.stratus.globalaccelerator.GlobalAcceleratorModule;
import dev.stratus.route53.Route53Module;
import dev.stratus.sts.StsModule;
import dev.stratus.acm.AcmModule;
import dev.stratus.s3.S3Module;
import dev.stratus.cloudfront.CloudFrontModule;
import dev.stratus.wafv2.Wafv2Module;
import dev.stratus.apigateway.ApiGatewayModule;
import dev.stratus.lambda.LambdaModule;
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
import java.util.function.Supplier;
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
  /**
   * The services checked: the AWS CLI's name, the AWS SDK's package (to find the operations a
   * module serves) and the module. Adding a service is one row here, plus the fixture of the
   * resources its examples name ({@link ExampleFixture#create}).
   */
  record Service(String cli, String sdkPackage, Supplier<ServiceModule> module, String reference) {
    /** The API reference page of an operation or a data type ({@code API_Vpc.html}). */
    String page(String name) { return reference + "API_" + name + ".html"; }
  }

  static final List<Service> SERVICES = List.of(
      new Service("ec2", "ec2", Ec2Module::new, "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/"),
      new Service("route53", "route53", Route53Module::new, "https://docs.aws.amazon.com/Route53/latest/APIReference/"),
      new Service("elbv2", "elasticloadbalancingv2", Elbv2Module::new,
          "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/"),
      new Service("globalaccelerator", "globalaccelerator", GlobalAcceleratorModule::new,
          "https://docs.aws.amazon.com/global-accelerator/latest/api/"),
      new Service("sts", "sts", StsModule::new, "https://docs.aws.amazon.com/STS/latest/APIReference/"),
      new Service("acm", "acm", AcmModule::new, "https://docs.aws.amazon.com/acm/latest/APIReference/"),
      new Service("s3api", "s3", S3Module::new, "https://docs.aws.amazon.com/AmazonS3/latest/API/"),
      new Service("cloudfront", "cloudfront", CloudFrontModule::new, "https://docs.aws.amazon.com/cloudfront/latest/APIReference/"),
      new Service("wafv2", "wafv2", Wafv2Module::new, "https://docs.aws.amazon.com/waf/latest/APIReference/"),
      new Service("apigateway", "apigateway", ApiGatewayModule::new, "https://docs.aws.amazon.com/apigateway/latest/api/"),
      // one module serves both APIs; the v2 reference is by resource (apis-apiid.html), its data types by name
      new Service("apigatewayv2", "apigatewayv2", ApiGatewayModule::new,
          "https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/"),
      new Service("lambda", "lambda", LambdaModule::new, "https://docs.aws.amazon.com/lambda/latest/api/"));

  /** The services of this run: all, or those {@code -Dfidelity.services=elbv2,sts} names (while working on one). */
  private static List<Service> services() {
    String only = System.getProperty("fidelity.services", "");
    return only.isBlank() ? SERVICES : SERVICES.stream().filter(s -> List.of(only.split(",")).contains(s.cli())).toList();
  }

  /**
   * Operations a module serves outside SDK-typed handlers: S3 answers on its own HTTP router
   * ({@code S3Api.route}), whose dispatch these are.
   */
  private static final Map<String, Set<String>> ROUTED = Map.of("s3api", Set.of("listbuckets", "createbucket",
      "deletebucket", "headbucket", "getbucketlocation", "putbucketpolicy", "getbucketpolicy", "deletebucketpolicy",
      "putbucketwebsite", "getbucketwebsite", "deletebucketwebsite", "putbuckettagging", "getbuckettagging",
      "deletebuckettagging", "putbucketcors", "getbucketcors", "deletebucketcors", "listobjects", "listobjectsv2",
      "listmultipartuploads", "deleteobjects", "putobject", "copyobject", "getobject", "headobject", "deleteobject",
      "getobjecttagging", "putobjecttagging", "deleteobjecttagging", "createmultipartupload", "uploadpart", "listparts",
      "completemultipartupload", "abortmultipartupload"));

  /** What one service's examples found. */
  private static final class Findings {
    final StringBuilder report = new StringBuilder();
    final List<String> unexplained = new ArrayList<>();
    final Set<String> proposed = new java.util.LinkedHashSet<>();
    final Set<String> checked = new TreeSet<>(), ran = new TreeSet<>();
    long seconds;

    static Findings merge(List<Findings> parts) {
      Findings all = new Findings();
      for (Findings f : parts) {
        all.report.append(f.report);
        all.unexplained.addAll(f.unexplained);
        all.proposed.addAll(f.proposed);
        all.checked.addAll(f.checked);
        all.ran.addAll(f.ran);
        all.seconds = Math.max(all.seconds, f.seconds);
      }
      return all;
    }
  }

  /** EC2's examples are a third of all: they run in two halves, so that no one service sets the time. */
  private static final Map<String, Integer> SHARDS = Map.of("ec2", 2);

  @Test
  void awsExampleOutputs_sameKeysTypesAndConstants() throws Exception {
    assumeTrue(AwsExamples.present(), "AWS CLI v2 (/usr/bin/aws) not installed");
    Map<String, Set<String>> served = servedOperations();
    KnownDifferences known = new KnownDifferences();
    java.util.concurrent.atomic.AtomicLong account = new java.util.concurrent.atomic.AtomicLong(100_000_000_000L);
    long started = System.nanoTime();
    Map<String, Findings> findings = new LinkedHashMap<>();
    // every module, whichever services' examples run: load balancers and accelerators stand in EC2's subnets.
    // Services run side by side, each with its own CLI process (the CLI is most of the time), the largest first.
    int workers = Math.max(2, Runtime.getRuntime().availableProcessors());
    try (ApiTestServer server = ApiTestServer.start(Clock.systemUTC(), modules(SERVICES).toArray(ServiceModule[]::new));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(workers)) {
      List<java.util.concurrent.Future<?>> tasks = new ArrayList<>();
      Map<String, List<Findings>> shards = new LinkedHashMap<>();
      for (Service service : services()) {
        int of = SHARDS.getOrDefault(service.cli(), 1);
        for (int shard = 0; shard < of; shard++) {
          Findings f = new Findings();
          shards.computeIfAbsent(service.cli(), k -> new ArrayList<>()).add(f);
          int k = shard;
          tasks.add(pool.submit(() -> {
            check(server, service, served.get(service.cli()), known, account, k, of, f);
            return null;
          }));
        }
      }
      for (var t : tasks) t.get();
      shards.forEach((service, parts) -> findings.put(service, Findings.merge(parts)));
    }
    StringBuilder report = new StringBuilder();
    List<String> unexplained = new ArrayList<>();
    for (Service service : services()) {
      Findings f = findings.get(service.cli());
      String line = ("AWS example fidelity: %s %d/%d operations with an example output checked (%d with an example run,"
          + " %d s)").formatted(service.cli(), f.checked.size(), served.get(service.cli()).size(), f.ran.size(), f.seconds);
      System.out.println(line);
      report.insert(0, line + "\n");
      report.append(f.report);
      Set<String> without = new TreeSet<>(served.get(service.cli()));
      without.removeAll(f.ran);
      report.append(service.cli()).append(" served, no example run: ").append(without).append('\n');
      unexplained.addAll(f.unexplained);
    }
    System.out.println("AWS example fidelity: " + (System.nanoTime() - started) / 1_000_000_000L + " s in all, " + workers
        + " services at a time");
    report.append("rows to review:\n");
    findings.values().forEach(f -> f.proposed.forEach(report::append));
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/aws-example-fidelity.txt"), report, StandardCharsets.UTF_8);
    assertThat(unexplained).as("differences from AWS's examples not in " + KnownDifferences.FILE).isEmpty();
    assertThat(known.unused().stream().filter(r -> services().stream().anyMatch(s -> r.example().startsWith(s.cli() + " "))))
        .as("rows of " + KnownDifferences.FILE + " that no difference needs").isEmpty();
  }

  /** Runs one service's examples of served operations (the {@code shard}th of {@code of}), with its own CLI process. */
  private static void check(ApiTestServer server, Service service, Set<String> served, KnownDifferences known,
      java.util.concurrent.atomic.AtomicLong account, int shard, int of, Findings f) throws Exception {
    long started = System.nanoTime();
    try (AwsExamples aws = new AwsExamples(List.of(service.cli()))) {
      int n = 0;
      for (AwsExamples.Example ex : aws.examples) {
        String op = ex.operation().toLowerCase(Locale.ROOT);
        if (!served.contains(op) || n++ % of != shard) continue;
        List<OutputShape.Difference> diffs = new ArrayList<>();
        boolean compared = run(server, aws, ex, String.valueOf(account.incrementAndGet()), diffs);
        if (diffs.stream().noneMatch(d -> d.kind().equals("error") || d.kind().equals("fixture"))) {
          f.ran.add(op);
          if (compared) f.checked.add(op);
        }
        for (OutputShape.Difference d : diffs) {
          boolean ok = known.explains(ex.name(), d.path(), d.kind());
          String line = (ok ? "known      " : "UNEXPLAINED") + " | " + ex.name() + " | " + d.path() + " | " + d.kind()
              + " | " + d.detail();
          f.report.append(line).append('\n');
          if (ok) continue;
          f.unexplained.add(line);
          String owner = d.kind().equals("extra") ? aws.owner(ex.service(), ex.operation(), d.path()) : null;
          f.proposed.add("| `%s %s #%s` | `%s` | %s | TODO | %s |%n".formatted(ex.service(), ex.command(),
              d.kind().equals("extra") ? "*" : ex.index(), d.kind().equals("extra") ? d.path() : "*", d.kind(),
              service.page(owner == null ? ex.operation() : owner)));
        }
      }
    }
    f.seconds = (System.nanoTime() - started) / 1_000_000_000L;
  }

  /** Runs one example; returns whether an output was compared, adding what differs to {@code diffs}. */
  private static boolean run(ApiTestServer server, AwsExamples aws, AwsExamples.Example ex, String account,
      List<OutputShape.Difference> diffs) throws Exception {
    if (ex.brokenOutput()) diffs.add(new OutputShape.Difference("*", "broken", "AWS's example output is not JSON"));
    // an example reading a file runs when its page shows the file (written for it, ids substituted)
    if (ex.args().stream().anyMatch(a -> a.startsWith("fileb://")
        || a.startsWith("file://") && !ex.files().containsKey(a.substring("file://".length())))) {
      return false;
    }
    int r = ex.args().indexOf("--region");
    String region = r >= 0 && r + 1 < ex.args().size() ? ex.args().get(r + 1) : "us-east-1";
    try (ExampleFixture fixture = new ExampleFixture(server.endpoint(), account, region, ex.service(), ex.command(), aws)) {
      List<String> args;
      try {
        args = new ArrayList<>(fixture.substitute(ex.service(), ex.args()));
        writeFiles(ex, fixture, account, args);
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
      OutputShape aws0 = new OutputShape(expected), ours = new OutputShape(actual);
      diffs.addAll(aws0.differences(ours, aws.enums.get(ex.service()), fixture::mapped));
      diffs.addAll(aws0.extras(ours));
      return true;
    }
  }

  /** Writes the files the example reads (its ids replaced as in arguments) and points its {@code file://} arguments at them. */
  private static void writeFiles(AwsExamples.Example ex, ExampleFixture fixture, String account, List<String> args) {
    if (ex.files().isEmpty()) return;
    try {
      Path dir = Files.createDirectories(Path.of("target/aws-examples-files", account).toAbsolutePath());
      for (var f : ex.files().entrySet()) {
        Path file = dir.resolve(Path.of(f.getKey()).getFileName());
        Files.writeString(file, fixture.substitute(ex.service(), List.of(f.getValue())).getFirst(), StandardCharsets.UTF_8);
        args.replaceAll(a -> a.equals("file://" + f.getKey()) ? "file://" + file : a);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** One module of each kind the services name (API Gateway's serves two of them). */
  private static List<ServiceModule> modules(List<Service> services) {
    Map<Class<?>, ServiceModule> out = new LinkedHashMap<>();
    for (Service s : services) {
      ServiceModule m = s.module().get();
      out.putIfAbsent(m.getClass(), m);
    }
    return List.copyOf(out.values());
  }

  /** Per service, the operations (lower case) some handler of the modules serves. */
  private static Map<String, Set<String>> servedOperations() throws Exception {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    Map<String, String> cliBySdk = new LinkedHashMap<>();
    services().forEach(s -> {
      out.put(s.cli(), new TreeSet<>());
      cliBySdk.put(s.sdkPackage(), s.cli());
    });
    var extensions = new Extensions();
    extensions.provide(dev.stratus.net.listener.ListenerRegistry.class, new dev.stratus.net.listener.ListenerRegistry());
    extensions.provide(dev.stratus.core.http.HttpFilterRegistry.class, new dev.stratus.core.http.HttpFilterRegistry());
    extensions.provide(dev.stratus.net.http.VirtualHosts.class, new dev.stratus.net.http.VirtualHosts());
    var context = new StratusContext(new MemoryStore(), Clock.systemUTC(), Settings.ephemeral(0, 0), extensions);
    for (ServiceModule module : modules(services())) {
      ServiceModule.Started started = module.start(context);
      for (Object handler : started.apiHandlers()) {
        for (Method m : handler.getClass().getMethods()) {
          if (m.getParameterCount() != 2 || m.getParameterTypes()[0] != RequestContext.class) continue;
          Class<?> request = m.getParameterTypes()[1];
          String pkg = request.getPackageName();
          if (!request.getSimpleName().endsWith("Request") || !pkg.startsWith("software.amazon.awssdk.services.")) continue;
          String service = pkg.substring("software.amazon.awssdk.services.".length(), pkg.lastIndexOf(".model"));
          String op = request.getSimpleName().substring(0, request.getSimpleName().length() - "Request".length());
          String cli = cliBySdk.get(service);
          if (cli != null) out.get(cli).add(op.toLowerCase(Locale.ROOT));
        }
      }
      for (AutoCloseable c : started.resources()) c.close();
    }
    ROUTED.forEach((cli, ops) -> {
      if (out.containsKey(cli)) out.get(cli).addAll(ops);
    });
    return out;
  }
}
