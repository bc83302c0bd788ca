package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reach}, {@code audit} and {@code import} over folders of describe-* output (the analyzer's
 * fixtures in stratus-ec2/src/test/resources/reachability; see PeeringReachabilityTest for the
 * peering network and NetworkAuditTest for the transit gateway one).
 */
class OfflineInsightsCommandsTest {
  private static final String FIXTURES = "../stratus-ec2/src/test/resources/reachability/";

  @Test
  void reach_directPeer_printsTheHopsAndExitsZero() {
    CommandOutput r = CommandOutput.run("reach", "i-a", "i-b", "--port", "22", "--import", FIXTURES + "peering");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("Reachable.").contains("Forward path:", "pcx-ab", "Return path:");
  }

  @Test
  void reach_transitivePeering_printsTheBlockingComponentAndExitsOne() {
    CommandOutput r = CommandOutput.run("reach", "i-b", "i-c", "--port", "22", "--import", FIXTURES + "peering");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).startsWith("Not reachable.").contains("PCX_REQUIRES_ADDRESS_IN_VPC_CIDR", "pcx-ab");
  }

  @Test
  void reach_unknownSource_isABadInput() {
    assertThat(CommandOutput.run("reach", "i-nope", "i-b", "--import", FIXTURES + "peering").exitCode()).isEqualTo(2);
  }

  @Test
  void audit_transitGatewayFixture_listsFindingsWithFixes() {
    CommandOutput r = CommandOutput.run("audit", "--import", FIXTURES + "tgw");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("TGW_ROUTE_TABLE_JOINS_ENVIRONMENTS", "tgw-rtb-default", "Fix: ");
  }

  @Test
  void import_fixtureFolder_summarisesIt() {
    CommandOutput r = CommandOutput.run("import", FIXTURES + "peering", "--check");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Regions: us-east-1", "3 VPCs", "reach SRC DST --import");
  }

  @Test
  void import_malformedFolder_namesTheSkippedFiles(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("us-east-1"));
    Files.writeString(dir.resolve("us-east-1/describe-vpcs.json"), "{ not json");
    CommandOutput r = CommandOutput.run("import", dir.toString(), "--check");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("skipped file: us-east-1/describe-vpcs.json");
  }
}
