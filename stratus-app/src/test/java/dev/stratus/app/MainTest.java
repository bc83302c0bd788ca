package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void run_version_exitsZero() {
    assertThat(Main.execute("version")).isZero();
  }

  @Test
  void run_noCommand_isAUsageError() {
    assertThat(Main.execute()).isEqualTo(2);
  }

  @Test
  void run_unknownOption_isAUsageError() {
    assertThat(Main.execute("start", "--no-such-flag")).isEqualTo(2);
  }

  @Test
  void help_onEverySubcommand_exitsZero() {
    for (String sub : new String[] {"start", "status", "endpoints", "latency", "version", "reach", "audit", "import", "export"}) {
      assertThat(Main.execute(sub, "--help")).as(sub + " --help").isZero();
    }
  }

  @Test
  void badFlagValues_areUsageErrors() {
    assertThat(Main.execute("start", "--port", "99999")).isEqualTo(2);
    assertThat(Main.execute("start", "--dns-port", "-1")).isEqualTo(2);
    assertThat(Main.execute("start", "--log-level", "loud")).isEqualTo(2);
    assertThat(Main.execute("status", "--endpoint", "nonsense")).isEqualTo(2);
    assertThat(Main.execute("status", "--port", "0")).isEqualTo(2);
    assertThat(Main.execute("no-such-command")).isEqualTo(2);
    // Jitter varies emulated delays: without them there is nothing to vary.
    assertThat(Main.execute("start", "--ephemeral", "--emulate-jitter")).isEqualTo(2);
  }

  @Test
  void levelNames_printAsTheFlagsSpellThem() {
    assertThat(LogSetup.name(Level.FINE)).isEqualTo("debug");
    assertThat(LogSetup.name(Level.WARNING)).isEqualTo("warn");
    assertThat(LogSetup.name(Level.SEVERE)).isEqualTo("error");
    assertThat(LogSetup.name(Level.FINEST)).isEqualTo("trace");
    var record = new java.util.logging.LogRecord(Level.FINE, "hello");
    record.setLoggerName("dev.stratus.X");
    assertThat(new OneLineFormatter().format(record)).contains(" debug X: hello").doesNotContain("FINE");
  }

  @Test
  void parse_usualLevelNames_mapToJulLevels() {
    assertThat(LogSetup.parse("debug")).isEqualTo(Level.FINE);
    assertThat(LogSetup.parse("WARN")).isEqualTo(Level.WARNING);
    assertThatThrownBy(() -> LogSetup.parse("loud")).hasMessageContaining("unknown log level 'loud'");
  }

  @Test
  void hostLiteral_wildcardsAndIpv6_becomeAddressesToConnectTo() {
    assertThat(LocalApi.hostLiteral("0.0.0.0")).isEqualTo("127.0.0.1");
    assertThat(LocalApi.hostLiteral("::1")).isEqualTo("[::1]");
    assertThat(LocalApi.hostLiteral("localhost")).isEqualTo("localhost");
  }

  @Test
  void shortName_ofALoggerName_isItsLastPart() {
    assertThat(OneLineFormatter.shortName("dev.stratus.core.store.SqlStore")).isEqualTo("SqlStore");
    assertThat(OneLineFormatter.shortName("")).isEqualTo("root");
  }
}
