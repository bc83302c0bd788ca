package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./mvnw} and {@code ./stratus} build with a JDK 21 or newer whatever {@code $JAVA_HOME}
 * and the default {@code java} are ({@code .mvn/jdk.sh}); {@code .mvn/jvm.config} holds only
 * options every such JDK accepts.
 */
class MavenWrapperIT {
  @TempDir Path dir;

  /** A JDK home whose release file says {@code version}; its java only prints its arguments. */
  Path fakeJdk(String name, String version) throws Exception {
    Path bin = Files.createDirectories(dir.resolve(name).resolve("bin"));
    for (String tool : new String[] {"java", "javac"}) {
      Files.writeString(bin.resolve(tool), "#!/bin/sh\necho \"" + name + " $*\"\n");
      Files.setPosixFilePermissions(bin.resolve(tool), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Files.writeString(dir.resolve(name).resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
    return dir.resolve(name);
  }

  static String sh(Map<String, String> env, String... command) throws Exception {
    var pb = new ProcessBuilder(command).directory(Launcher.ROOT.toFile()).redirectErrorStream(true);
    pb.environment().remove("JAVA_HOME");
    pb.environment().putAll(env);
    var p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  @Test
  void findJdk_javaHome21OrNewer_isUsed() throws Exception {
    Path jdk21 = fakeJdk("jdk21", "21.0.5");
    assertThat(sh(Map.of("JAVA_HOME", jdk21.toString()), "sh", "-c", ". .mvn/jdk.sh && stratus_find_jdk").strip())
        .isEqualTo(jdk21.toString());
  }

  @Test
  void findJdk_javaHome17_isPassedOverForAJdk21OrNewer() throws Exception {
    Path jdk17 = fakeJdk("jdk17", "17.0.15");
    String found = sh(Map.of("JAVA_HOME", jdk17.toString()), "sh", "-c", ". .mvn/jdk.sh && stratus_find_jdk").strip();
    assertThat(found).isNotEqualTo(jdk17.toString());
    assertThat(Integer.parseInt(sh(Map.of(), "sh", "-c", ". .mvn/jdk.sh && stratus_jdk_major '" + found + "'").strip()))
        .isGreaterThanOrEqualTo(21);
  }

  @Test
  void mvnw_withJavaHome17_buildsWithAJdk21OrNewer() throws Exception {
    Path jdk17 = fakeJdk("jdk17", "17.0.15");
    String out = sh(Map.of("JAVA_HOME", jdk17.toString()), "./mvnw", "-B", "-ntp", "-v");
    assertThat(out).contains("is not a JDK 21 or newer; using").containsPattern("Java version: (2[1-9]|[3-9]\\d)");
  }

  @Test
  void jvmConfig_holdsNoOptionJdk21Refuses() throws Exception {
    assertThat(Files.readString(Launcher.ROOT.resolve(".mvn/jvm.config"))).doesNotContain("--sun-misc-unsafe-memory-access");
  }
}
