package dev.stratus.core.store;

import static dev.stratus.core.store.StoreFixtures.THINGS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ARCHITECTURE rule 7 at process level: a child JVM writes and acknowledges rows as fast as it
 * can, is killed with SIGKILL ({@link Process#destroyForcibly()} on Linux) in the middle of that,
 * and every row it acknowledged is in the file when the store is opened again.
 */
class SqlStoreKillTest {
  /** Acks to read before the kill; the child keeps writing while we read, so the kill lands mid-write. */
  private static final int ACKS_BEFORE_KILL = 25;

  @TempDir Path dir;

  @Test
  void openFile_afterKill9_findsEveryAcknowledgedWrite() throws Exception {
    Path file = dir.resolve("stratus.db");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        SqlStoreCrashChild.class.getName(), file.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    int lastAck = -1;
    try (var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (lastAck < ACKS_BEFORE_KILL - 1 && (line = out.readLine()) != null) {
        lastAck = Integer.parseInt(line.substring("ack ".length()));
      }
      child.destroyForcibly();
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(child.exitValue()).isEqualTo(137);
    assertThat(lastAck).isEqualTo(ACKS_BEFORE_KILL - 1);

    try (var store = SqlStore.openFile(file)) {
      var rows = store.list(THINGS, "crash");
      assertThat(rows.size()).isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
      for (int n = 0; n < rows.size(); n++) assertThat(rows.get(n).size()).isEqualTo(n);
    }
  }
}
