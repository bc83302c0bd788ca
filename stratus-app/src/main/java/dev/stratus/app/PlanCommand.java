package dev.stratus.app;

import dev.stratus.app.plan.Plan;
import dev.stratus.app.plan.PlanReport;
import dev.stratus.app.plan.Planner;
import dev.stratus.app.plan.RunningArchitecture;
import dev.stratus.net.geo.LatencyModel;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.core.exception.SdkException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code stratus plan PLAN.json}: compares architectures for a set of user populations by round
 * trip (the latency model) and monthly cost (AWS's list prices, or the plan's). Needs no server,
 * except with {@code --from-running}: then the architecture a running Stratus has deployed
 * ({@link RunningArchitecture}) is compared first, with the plan's populations (or
 * {@link Plan#DEFAULT_POPULATIONS} without a plan file). See {@code examples/plan/seed-004.json}.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Compare architectures (single Region, + Global Accelerator, + CloudFront, several Regions) by round trip and monthly cost (no server needed, except with --from-running).")
final class PlanCommand implements Callable<Integer> {
  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  @Mixin LogLevelOption logLevel;

  @Parameters(index = "0", arity = "0..1",
      description = "The plan file (JSON): populations, architectures, usage, prices (optional with --from-running).")
  Path file;

  @Option(names = "--from-running",
      description = "Read the current architecture from a running Stratus (its ALBs/NLBs, accelerators and distributions) and compare it first.")
  boolean fromRunning;

  @Option(names = "--regions", split = ",", paramLabel = "REGION",
      description = "With --from-running: the Regions to look for load balancers in (default every Region).")
  List<String> regions;

  @Mixin EndpointOptions where;

  @Option(names = "--html", description = "Also write the comparison as an HTML page with an SVG chart.")
  Path html;

  @Override
  public Integer call() {
    if (file == null && !fromRunning) {
      System.err.println("stratus plan: give a plan file, or --from-running (see stratus plan --help)");
      return 2;
    }
    Plan plan;
    try {
      plan = file == null ? new Plan(Plan.DEFAULT_POPULATIONS, List.of(), null, null)
          : MAPPER.readValue(Files.readString(file), Plan.class);
    } catch (IOException e) {
      System.err.println("stratus plan: cannot read " + file + ": " + e.getMessage());
      return 2;
    } catch (JacksonException e) {
      System.err.println("stratus plan: " + file + ": " + e.getOriginalMessage());
      return 2;
    }
    LatencyModel model = LatencyModel.standard();
    if (fromRunning) {
      URI endpoint = where.endpoint().uri();
      RunningArchitecture.Found found;
      try {
        found = regions == null ? RunningArchitecture.read(endpoint, model.tables())
            : RunningArchitecture.read(endpoint, model.tables(), regions);
      } catch (IllegalArgumentException e) {
        System.err.println("stratus plan: --regions: " + e.getMessage());
        return 2;
      } catch (IllegalStateException e) {
        System.err.println("stratus plan: " + e.getMessage());
        return 1;
      } catch (SdkException e) {
        System.err.println("stratus plan: cannot read the running architecture from " + endpoint + ": " + e.getMessage());
        return 1;
      }
      var a = found.architecture();
      System.out.println("current architecture (from " + endpoint + "): " + a.kind() + " in " + String.join(", ", a.regions()));
      found.evidence().forEach(line -> System.out.println("  " + line));
      if (file == null) System.out.println("populations: the default set (" + Plan.DEFAULT_POPULATIONS.size() + " world cities, equal weights)");
      System.out.println();
      plan = plan.withFirst(a);
    }
    if (plan.architectures().isEmpty()) {
      System.err.println("stratus plan: " + file + ": no architectures to compare");
      return 2;
    }
    try {
      var results = new Planner(model).evaluate(plan);
      System.out.print(PlanReport.text(results));
      if (html != null) {
        Files.writeString(html, PlanReport.html("stratus plan " + (file == null ? "--from-running" : file.getFileName()), results));
        System.out.println("wrote " + html);
      }
      return 0;
    } catch (IllegalArgumentException e) {
      System.err.println("stratus plan: " + file + ": " + e.getMessage());
      return 2;
    } catch (IOException e) {
      System.err.println("stratus plan: cannot write " + html + ": " + e.getMessage());
      return 2;
    }
  }
}
