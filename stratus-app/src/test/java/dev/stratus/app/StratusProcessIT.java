package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.store.SqlStore;
import dev.stratus.core.store.Stores;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stratus start} as a real process: how it stops, and what survives when it is killed. */
class StratusProcessIT {
  @TempDir Path dir;

  @Test
  void start_thenSigterm_exitsCleanlyFreesThePortAndClosesTheStore() throws Exception {
    Path data = dir.resolve("data");
    int port;
    try (var stratus = StratusProcess.start(dir, "--data-dir", data.toString())) {
      port = stratus.port();
      assertThat(LocalApi.get("127.0.0.1", port, "/_stratus/health")).isPresent();

      assertThat(stratus.terminate()).isIn(0, 143);
      assertThat(stratus.stderr()).contains("shutting down").doesNotContain("Exception");
    }
    try (var socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", port));
    }
    assertThat(data.resolve(Stores.FILE_NAME + "-wal")).doesNotExist();
    SqlStore.openFile(data.resolve(Stores.FILE_NAME)).close();
  }

  @Test
  void start_afterKill9_startsAgainOnTheSameDataDir() throws Exception {
    Path data = dir.resolve("data");
    try (var stratus = StratusProcess.start(dir, "--data-dir", data.toString())) {
      assertThat(stratus.kill()).isEqualTo(137);
    }
    try (var stratus = StratusProcess.start(dir, "--data-dir", data.toString())) {
      assertThat(LocalApi.get("127.0.0.1", stratus.port(), "/_stratus/health")).isPresent();
      assertThat(stratus.terminate()).isIn(0, 143);
    }
  }

  @Test
  void start_whileAnotherStratusUsesTheDataDir_failsWithAClearMessage() throws Exception {
    Path data = dir.resolve("data");
    try (var first = StratusProcess.start(dir, "--data-dir", data.toString())) {
      var second = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), Main.class.getName(),
          "start", "--port", "0", "--data-dir", data.toString()).redirectErrorStream(true).start();
      String output = new String(second.getInputStream().readAllBytes());
      assertThat(second.waitFor()).isEqualTo(1);
      assertThat(output).contains("Another Stratus process is using this data directory");
      first.terminate();
    }
  }

  static String read(Path p) throws IOException { return java.nio.file.Files.readString(p); }
}
