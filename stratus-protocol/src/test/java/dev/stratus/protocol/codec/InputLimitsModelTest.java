package dev.stratus.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The committed input-limits table is what AWS's models give: re-runs the generator over
 * botocore's service-2.json files (the Debian awscli package, which .ci/run installs) and compares.
 */
class InputLimitsModelTest {

  static final Path MODELS = Path.of(System.getProperty("stratus.botocore.data",
      "/usr/lib/python3/dist-packages/awscli/botocore/data"));
  static final Path TABLE = Path.of("src/main/resources/dev/stratus/protocol/codec/input-limits.properties");

  static boolean modelsPresent() {
    return Files.isDirectory(MODELS.resolve("route53")) && new File("/usr/bin/python3").canExecute();
  }

  @Test
  @EnabledIf("modelsPresent")
  void committedTable_equalsGeneratorOutput() throws Exception {
    Process p = new ProcessBuilder("/usr/bin/python3", Path.of("tools", "gen-input-limits.py").toString(), MODELS.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String generated = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(Files.readString(TABLE))
        .as("regenerate: python3 tools/gen-input-limits.py > src/main/resources/dev/stratus/protocol/codec/input-limits.properties")
        .isEqualTo(generated);
  }

  @Test
  void table_loadsAndEveryPatternCompiles() throws Exception {
    assertThat(InputLimits.table()).containsKeys("route53.resourcerecord", "ec2.createsecuritygrouprequest",
        "wafv2.createipsetrequest");
    Properties props = new Properties();
    props.load(new StringReader(String.join("\n", Files.readAllLines(TABLE))));
    List<String> broken = props.stringPropertyNames().stream().filter(k -> k.endsWith("pattern"))
        .filter(k -> InputLimits.pattern(props.getProperty(k)) == null).sorted().toList();
    assertThat(broken).as("model patterns Java cannot compile (skipped at run time)").isEmpty();
  }

  @Test
  void cut_longValue_keepsPrefixAndMarksIt() {
    assertThat(InputLimits.cut("x".repeat(10_000_000))).hasSize(InputLimits.MAX_ECHO + 3).endsWith("...");
    assertThat(InputLimits.cut("short")).isEqualTo("short");
  }

  @Test
  void parserTexts_dropInternals() {
    assertThat(ParserTexts.plain("Document nesting depth (1001) exceeds the maximum allowed (1000, from"
        + " `StreamReadConstraints.getMaxNestingDepth()`)"))
        .isEqualTo("Document nesting depth (1001) exceeds the maximum allowed (1000)");
    assertThat(ParserTexts.plain("JAXP00010006: The accumulated size of entities is \"10\" that exceeded the \"1\""
        + " limit set by \"jdk.xml.totalEntitySizeLimit\".")).isEqualTo("The XML document exceeds a limit of the parser.");
    assertThat(ParserTexts.plain(null)).isEqualTo(ParserTexts.GENERIC);
  }

  @Test
  void utf8_percentDecodedBytesChecked() {
    assertThat(Utf8Input.valid(Utf8Input.percentDecoded("a=%C3%A9".getBytes(StandardCharsets.US_ASCII)))).isTrue();
    assertThat(Utf8Input.valid(Utf8Input.percentDecoded("a=%FF%FE".getBytes(StandardCharsets.US_ASCII)))).isFalse();
    assertThat(Utf8Input.valid(new byte[] {'a', (byte) 0xC3})).isFalse();
    assertThat(Utf8Input.valid(Utf8Input.percentDecoded("100%".getBytes(StandardCharsets.US_ASCII)))).isTrue();
  }
}
