package dev.stratus.ec2.reachability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Loads the describe-* fixtures under {@code src/test/resources/reachability/<scenario>/}. */
final class Fixtures {
  private Fixtures() {}

  /** The folder of a scenario. */
  static Path dir(String scenario) {
    try {
      return Path.of(Fixtures.class.getResource("/reachability/" + scenario).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("no fixture " + scenario, e);
    }
  }

  /** The network of a scenario, asserting every file was read cleanly. */
  static Network network(String scenario) {
    ReachabilityImport.Result r = ReachabilityImport.fromDescribeOutputs(dir(scenario));
    assertThat(r.problems()).as("import problems of " + scenario).isEmpty();
    return r.network();
  }
}
