package dev.stratus.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.stratus.protocol.Operation;
import dev.stratus.protocol.ServiceDescriptor;
import dev.stratus.protocol.ServiceModel;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed required-members and success-status tables are what AWS's service models give for
 * every service in {@link ServiceDescriptor#ALL}, restricted to the classes and operations the SDK
 * on the classpath has. The models are the newest botocore among the machine's Pythons (pip's
 * botocore of the machine image under pyenv; the SDK jars carry no service-2.json, and the Debian
 * awscli's and python3-boto3's models are older than the SDK); -Dstratus.botocore.data=DIR picks one. The test also fails when an SDK operation is missing from the
 * models, i.e. when they are older than the SDK in use. Regenerate with
 * {@code -Dstratus.regenerate=true} (see tools/gen-protocol-tables.py).
 */
class ProtocolTablesModelTest {
  static final Path TOOL = Path.of("tools", "gen-protocol-tables.py");
  static final Path DIR = Path.of("src/main/resources/dev/stratus/protocol/codec");
  static final boolean REGENERATE = Boolean.getBoolean("stratus.regenerate");

  static String models;
  static String python = "python3";
  static List<String> ids;
  /** SDK id → lower-case simple names of its model classes. */
  static final Map<String, Set<String>> SDK_CLASSES = new HashMap<>();

  @BeforeAll
  static void findModels() throws Exception {
    models = System.getProperty("stratus.botocore.data");
    if (models == null) models = newestBotocore();
    if (models == null) {
      if ("true".equals(System.getenv("CI"))) fail("python3 with botocore is needed under CI (the machine image has it)");
      Assumptions.abort("no python3 with botocore here");
    }
    ids = ServiceDescriptor.ALL.stream().map(ServiceDescriptor::id).toList();
    for (ServiceDescriptor d : ServiceDescriptor.ALL) SDK_CLASSES.put(d.id(), modelClasses(d));
  }

  /**
   * The data directory of the newest botocore among the machine's Pythons: the one on PATH,
   * pyenv's (the machine image's pip botocore, when PATH lacks pyenv as in a non-login shell)
   * and Debian's (older models, from python3-boto3).
   */
  static String newestBotocore() throws Exception {
    List<String> pythons = new ArrayList<>(List.of("python3"));
    String home = System.getenv("PYENV_ROOT") != null ? System.getenv("PYENV_ROOT") : System.getenv("HOME") + "/.pyenv";
    pythons.add(home + "/shims/python3");
    pythons.add("/usr/bin/python3");
    String best = null;
    List<Integer> bestVersion = List.of();
    for (String python : pythons) {
      List<String> out = run(List.of(python, "-c",
          "import botocore, os; print(botocore.__version__); print(os.path.join(os.path.dirname(botocore.__file__), 'data'))"), true);
      if (out == null || out.size() < 2) continue;
      List<Integer> version = java.util.Arrays.stream(out.get(0).trim().split("\\.")).map(Integer::parseInt).toList();
      if (best == null || compare(version, bestVersion) > 0) {
        best = out.get(1).trim();
        ProtocolTablesModelTest.python = python;
        bestVersion = version;
      }
    }
    return best;
  }

  private static int compare(List<Integer> a, List<Integer> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      if (!a.get(i).equals(b.get(i))) return Integer.compare(a.get(i), b.get(i));
    }
    return Integer.compare(a.size(), b.size());
  }

  @Test
  void everySdkOperation_isInTheModels() throws Exception {
    // compared lower-case: the SDK re-cases some names (TestDNSAnswer → TestDnsAnswer)
    Set<String> modelled = generate("--operations").stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    List<String> missing = new ArrayList<>();
    for (ServiceDescriptor d : ServiceDescriptor.ALL) {
      for (Operation op : new ServiceModel(d).operations()) {
        if (!modelled.contains((d.id() + "." + op.name()).toLowerCase(Locale.ROOT))) missing.add(d.id() + "." + op.name());
      }
    }
    assertThat(missing).as("SDK operations absent from the models at %s (models older than the SDK?)", models).isEmpty();
  }

  @Test
  void requiredMembers_equalModels() throws Exception {
    check("required-members.properties", "--required");
  }

  @Test
  void successStatus_equalModels() throws Exception {
    check("success-status.properties", "--status");
  }

  private static void check(String table, String mode) throws Exception {
    List<String> generated = new ArrayList<>();
    for (String line : generate(mode)) {
      if (line.startsWith("#") || inSdk(line, mode)) generated.add(line);
    }
    String expected = String.join("\n", generated) + "\n";
    Path file = DIR.resolve(table);
    if (REGENERATE) Files.writeString(file, expected);
    assertThat(Files.readString(file))
        .as("%s differs from the models at %s; regenerate: ./mvnw -B -ntp -q -pl stratus-protocol -am test"
            + " -Dtest=ProtocolTablesModelTest -Dsurefire.failIfNoSpecifiedTests=false -Dstratus.regenerate=true", table, models)
        .isEqualTo(expected);
  }

  /** Whether the class (required) or operation (status) of a table line exists in the SDK. */
  private static boolean inSdk(String line, String mode) {
    String key = line.substring(0, line.indexOf('='));
    int dot = key.indexOf('.');
    String cls = key.substring(dot + 1).toLowerCase(Locale.ROOT);
    return SDK_CLASSES.get(key.substring(0, dot)).contains(mode.equals("--status") ? cls + "request" : cls);
  }

  private static List<String> generate(String mode) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(python, TOOL.toString(), mode, models));
    cmd.addAll(ids);
    List<String> out = run(cmd, false);
    assertThat(out).as("%s failed", cmd).isNotNull();
    return out;
  }

  private static List<String> run(List<String> cmd, boolean quiet) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectError(quiet ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      return null;
    }
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
    return text.lines().toList();
  }

  /** The lower-case simple names of the classes in the SDK's model package of {@code d}. */
  private static Set<String> modelClasses(ServiceDescriptor d) throws IOException {
    String pkg = (d.sdkPackage() + ".model").replace('.', '/') + "/";
    Set<String> names = new TreeSet<>();
    for (URL url : Collections.list(ProtocolTablesModelTest.class.getClassLoader().getResources(pkg))) {
      if (!(url.openConnection() instanceof JarURLConnection jar)) continue;
      jar.setUseCaches(false); // a JarFile of its own: closing the JVM's cached one breaks ServiceModel's reads
      try (JarFile f = jar.getJarFile()) {
        names.addAll(f.stream().map(e -> e.getName())
            .filter(n -> n.startsWith(pkg) && n.endsWith(".class") && n.indexOf('/', pkg.length()) < 0 && !n.contains("$"))
            .map(n -> n.substring(pkg.length(), n.length() - ".class".length()).toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet()));
      }
    }
    assertThat(names).as("SDK model classes of %s on stratus-protocol's classpath (add the SDK dependency)", d.id()).isNotEmpty();
    return names;
  }
}
