package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ./stratus} script in a fake checkout: its {@code ./mvnw} only records each
 * build (and sleeps, fails or hangs as a test asks), and its JDK's {@code java} only prints its
 * arguments. So the launcher's own decisions are tested — when it builds, that it builds once,
 * who waits for whom, that Maven dies with it, the heap it asks for — in seconds, not builds.
 */
class BuildLockLauncherIT {
  @TempDir Path root;
  Path home;
  Path jar;
  Path builds;

  @BeforeEach
  void fakeCheckout() throws Exception {
    home = Files.createDirectories(root.resolve("home"));
    Files.copy(Launcher.ROOT.resolve("stratus"), root.resolve("stratus"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.createDirectories(root.resolve(".mvn"));
    Files.copy(Launcher.ROOT.resolve(".mvn/jdk.sh"), root.resolve(".mvn/jdk.sh"));
    builds = root.resolve("builds.log");
    script(root.resolve("mvnw"), """
        #!/bin/sh
        echo "$$" >> "$(dirname "$0")/builds.log"
        case "${FAKE_BUILD:-ok}" in
          fail) exit 1 ;;
          hang) exec sleep 120 ;;
        esac
        sleep "${FAKE_BUILD_SECONDS:-2}"
        touch "$(dirname "$0")/stratus-app/target/stratus-app.jar"
        """);
    Path jdk = Files.createDirectories(root.resolve("jdk/bin"));
    script(jdk.resolve("java"), "#!/bin/sh\necho \"java $*\"\n");
    script(jdk.resolve("javac"), "#!/bin/sh\n");
    Files.writeString(root.resolve("jdk/release"), "JAVA_VERSION=\"25.0.1\"\n");
    Files.createDirectories(root.resolve("stratus-app/target/lib"));
    jar = Files.writeString(root.resolve("stratus-app/target/stratus-app.jar"), "");
    Files.writeString(root.resolve("pom.xml"), "<project/>");
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(3600)));
    Files.setLastModifiedTime(root.resolve("pom.xml"), FileTime.from(Instant.now().minusSeconds(7200)));
  }

  private static void script(Path file, String text) throws Exception {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  Launcher launcher(String... env) {
    Map<String, String> vars = new HashMap<>(Map.of("JAVA_HOME", root.resolve("jdk").toString()));
    for (int i = 0; i < env.length; i += 2) vars.put(env[i], env[i + 1]);
    return new Launcher(root, home, vars);
  }

  void sourcesChanged() throws Exception {
    Files.setLastModifiedTime(root.resolve("pom.xml"), FileTime.from(Instant.now()));
  }

  List<String> builds() throws Exception {
    return Files.exists(builds) ? Files.readAllLines(builds) : List.of();
  }

  void awaitBuildStarted() throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    while (builds().isEmpty()) {
      assertThat(Instant.now()).as("a build started").isBefore(deadline);
      Thread.sleep(50);
    }
  }

  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  static void awaitDead(long pid, Duration within) throws Exception {
    Instant deadline = Instant.now().plus(within);
    while (alive(pid)) {
      assertThat(Instant.now()).as("process " + pid + " stopped within " + within).isBefore(deadline);
      Thread.sleep(100);
    }
  }

  @Test
  void freshJars_startRunsJavaWithoutBuilding() throws Exception {
    var r = launcher().run("start", "--ephemeral");
    assertThat(r.code()).as(r.both()).isZero();
    assertThat(r.out()).contains("java ", "-jar " + jar, "start --ephemeral");
    assertThat(builds()).isEmpty();
  }

  @Test
  void twoStartsWithChangedSources_buildOnce_bothRun() throws Exception {
    sourcesChanged();
    var stratus = launcher();
    try (var first = stratus.start("start"); var second = stratus.start("start")) {
      var a = first.await(Duration.ofSeconds(60));
      var b = second.await(Duration.ofSeconds(60));
      assertThat(a.code()).as(a.both()).isZero();
      assertThat(b.code()).as(b.both()).isZero();
      assertThat(builds()).hasSize(1);
      assertThat(a.err() + b.err()).contains("waiting for it");
    }
  }

  @Test
  void statusDuringABuild_waitsForItAndNeverBuildsItself() throws Exception {
    sourcesChanged();
    var stratus = launcher("FAKE_BUILD_SECONDS", "3");
    try (var start = stratus.start("start")) {
      awaitBuildStarted();
      var status = stratus.run("status");
      assertThat(status.err()).contains("waiting for the build");
      assertThat(status.out()).contains("java ", "status");
      assertThat(start.await(Duration.ofSeconds(60)).code()).isZero();
      assertThat(builds()).hasSize(1);
    }
  }

  @Test
  void statusEndpointsVersion_withChangedSources_neverBuild() throws Exception {
    sourcesChanged();
    var stratus = launcher();
    for (String command : new String[] {"status", "endpoints", "version"}) {
      var r = stratus.run(command);
      assertThat(r.out()).as(command).contains("java ", command);
    }
    assertThat(builds()).isEmpty();
  }

  @Test
  void noJars_statusSaysSoAndDoesNotBuild() throws Exception {
    Files.delete(jar);
    var r = launcher().run("status");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("not built yet", "./stratus start");
    assertThat(builds()).isEmpty();
  }

  @Test
  void sigtermDuringBuild_stopsMaven() throws Exception {
    sourcesChanged();
    try (var start = launcher("FAKE_BUILD", "hang").start("start")) {
      awaitBuildStarted();
      long maven = Long.parseLong(builds().get(0).strip());
      assertThat(alive(maven)).isTrue();
      start.process().destroy();
      assertThat(start.await(Duration.ofSeconds(10)).code()).isEqualTo(143);
      awaitDead(maven, Duration.ofSeconds(5));
    }
  }

  @Test
  void sigkillDuringBuild_watchdogStopsMaven() throws Exception {
    sourcesChanged();
    try (var start = launcher("FAKE_BUILD", "hang").start("start")) {
      awaitBuildStarted();
      long maven = Long.parseLong(builds().get(0).strip());
      start.process().destroyForcibly();
      start.process().waitFor();
      awaitDead(maven, Duration.ofSeconds(5));
    }
  }

  @Test
  void failedBuild_startSaysSo_andWaitStopsWaiting() throws Exception {
    sourcesChanged();
    var stratus = launcher("FAKE_BUILD", "fail");
    try (var waiting = stratus.start("wait", "--port", "" + Launcher.freePort(), "--timeout", "120")) {
      Thread.sleep(1100);
      var start = stratus.run("start");
      assertThat(start.code()).isEqualTo(1);
      assertThat(start.err()).contains("build failed");
      var w = waiting.await(Duration.ofSeconds(10));
      assertThat(w.code()).isEqualTo(1);
      assertThat(w.err()).contains("the build failed");
    }
  }

  @Test
  void wait_timeoutIsCountedAfterARunningBuild() throws Exception {
    sourcesChanged();
    var stratus = launcher("FAKE_BUILD_SECONDS", "4");
    try (var start = stratus.start("start")) {
      awaitBuildStarted();
      long t0 = System.nanoTime();
      var w = stratus.run("wait", "--port", "" + Launcher.freePort(), "--timeout", "1");
      Duration waited = Duration.ofNanos(System.nanoTime() - t0);
      assertThat(w.code()).isEqualTo(1);
      assertThat(waited).as("waited through the build, then 1 s").isGreaterThan(Duration.ofMillis(2500));
      assertThat(start.await(Duration.ofSeconds(60)).code()).isZero();
    }
  }

  @Test
  void heap_defaultAtMostOneGiB_stratusHeapSetsIt_stratusJavaOptsWins() throws Exception {
    String byDefault = launcher().run("version").out();
    var xmx = java.util.regex.Pattern.compile("-Xmx(\\d+)m").matcher(byDefault);
    assertThat(xmx.find()).as(byDefault).isTrue();
    assertThat(Integer.parseInt(xmx.group(1))).isBetween(64, 1024);

    assertThat(launcher("STRATUS_HEAP", "300m").run("version").out()).contains("-Xmx300m");
    String both = launcher("STRATUS_HEAP", "300m", "STRATUS_JAVA_OPTS", "-Xmx2g").run("version").out();
    assertThat(both.indexOf("-Xmx2g")).as("STRATUS_JAVA_OPTS comes later, so it wins").isGreaterThan(both.indexOf("-Xmx300m"));
  }
}
