package dev.stratus.app;

import dev.stratus.app.plan.Plan;
import dev.stratus.app.plan.PlanReport;
import dev.stratus.app.plan.Planner;
import dev.stratus.net.geo.LatencyModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code stratus plan PLAN.json}: compares architectures for a set of user populations by round
 * trip (the latency model) and monthly cost (AWS's list prices, or the plan's). Needs no server.
 * See {@code examples/plan/seed-004.json}.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Compare architectures (single Region, + Global Accelerator, + CloudFront, several Regions) by round trip and monthly cost (no server needed).")
final class PlanCommand implements Callable<Integer> {
  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  @Mixin LogLevelOption logLevel;

  @Parameters(index = "0", description = "The plan file (JSON): populations, architectures, usage, prices.")
  Path file;

  @Option(names = "--html", description = "Also write the comparison as an HTML page with an SVG chart.")
  Path html;

  @Override
  public Integer call() {
    Plan plan;
    try {
      plan = MAPPER.readValue(Files.readString(file), Plan.class);
    } catch (IOException e) {
      System.err.println("stratus plan: cannot read " + file + ": " + e.getMessage());
      return 2;
    } catch (JacksonException e) {
      System.err.println("stratus plan: " + file + ": " + e.getOriginalMessage());
      return 2;
    }
    try {
      var results = new Planner(LatencyModel.standard()).evaluate(plan);
      System.out.print(PlanReport.text(results));
      if (html != null) {
        Files.writeString(html, PlanReport.html("stratus plan " + file.getFileName(), results));
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
