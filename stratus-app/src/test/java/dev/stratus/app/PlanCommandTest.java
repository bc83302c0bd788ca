package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stratus plan}: the seed 004 example compared as a table and an HTML chart; bad files refused. */
class PlanCommandTest {
  @TempDir Path dir;

  private record Run(int code, String out) {}

  private Run run(String... args) {
    PrintStream previous = System.out;
    var buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      int code = Main.execute(args);
      return new Run(code, buffer.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(previous);
    }
  }

  @Test
  void seed004Example_comparesTheFourArchitectures_andWritesTheChart() throws Exception {
    Path html = dir.resolve("plan.html");
    Run r = run("plan", Path.of("..", "examples", "plan", "seed-004.json").toString(), "--html", html.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("eu-west-1 only").contains("eu-west-1 + GA").contains("5 Regions")
        .contains("p50 round trip per population").contains("monthly cost by part");
    assertThat(Files.readString(html)).contains("<svg").contains("eu-west-1 + GA");
  }

  @Test
  void unknownField_isRefusedWithTheFileAndTheField() throws Exception {
    Path plan = dir.resolve("bad.json");
    Files.writeString(plan, "{\"populations\": [], \"architectures\": [], \"colour\": 1}");
    assertThat(run("plan", plan.toString()).code()).isEqualTo(2);
  }
}
