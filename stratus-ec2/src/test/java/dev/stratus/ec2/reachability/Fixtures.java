package dev.stratus.ec2.reachability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.net.Cidr;
import dev.stratus.ec2.model.Instance;
import dev.stratus.ec2.model.Subnet;
import dev.stratus.ec2.model.Vpc;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

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

  /** A VPC record with these associated blocks, DNS support on and hostnames off (AWS's defaults). */
  static Vpc vpc(String id, String... cidrs) {
    List<Vpc.CidrAssociation> blocks = java.util.Arrays.stream(cidrs)
        .map(c -> new Vpc.CidrAssociation(id + "-cidr-" + c, Cidr.parse(c), "associated")).toList();
    return new Vpc(id, blocks, List.of(), false, "default", "default", true, false, null, null, null);
  }

  /** A subnet record with one IPv4 block. */
  static Subnet subnet(String id, String vpcId, Cidr cidr, String zone) {
    return new Subnet(id, vpcId, cidr, List.of(), zone, null, false, false, false);
  }

  /** A running instance record with these interfaces, primary first. */
  static Instance instance(String id, String vpcId, String subnetId, String... interfaceIds) {
    return new Instance(id, "r-" + id, "ami-12345678", "t3.micro", "running", subnetId, vpcId, "us-east-1a",
        interfaceIds[0], List.of(interfaceIds), null, null, 0, null);
  }

  /** The network of a scenario, asserting every file was read cleanly. */
  static Network network(String scenario) {
    ReachabilityImport.Result r = ReachabilityImport.fromDescribeOutputs(dir(scenario));
    assertThat(r.problems()).as("import problems of " + scenario).isEmpty();
    return r.network();
  }
}
