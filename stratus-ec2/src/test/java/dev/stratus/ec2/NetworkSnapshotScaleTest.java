package dev.stratus.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.net.Cidr;
import dev.stratus.core.store.MemoryStore;
import dev.stratus.ec2.model.NetworkAcl;
import dev.stratus.ec2.model.RegionDefaults;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.RouteTarget;
import dev.stratus.ec2.model.Subnet;
import dev.stratus.ec2.model.TransitGateway;
import dev.stratus.ec2.model.TransitGatewayAttachment;
import dev.stratus.ec2.model.TransitGatewayRouteTable;
import dev.stratus.ec2.model.Vpc;
import dev.stratus.ec2.reachability.Network;
import dev.stratus.ec2.reachability.ReachabilityAnalysis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression guard against quadratic blow-up in {@link NetworkSnapshot#of}: subnet → route table /
 * NACL lookups, TGW route → attachment lookups and hiding propagated routes behind static ones
 * used to scan every row per row (1.4 s at 2,500 VPCs, 4.4 s at 5,000). Records are written
 * straight into a MemoryStore: building 5,000 VPCs through the handlers would dominate the test.
 * The bound is generous; this is not a benchmark.
 */
class NetworkSnapshotScaleTest {
  private static final String ACCOUNT = "123456789012";
  private static final String SCOPE = ACCOUNT + "/us-east-1";
  private static final String TGW = "tgw-00000000000000001";
  private static final List<String> ENVIRONMENTS = List.of("prod", "staging", "dev");
  private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

  @Test
  void of_fiveThousandVpcsBehindATransitGateway_convertsWithinBound() {
    NetworkSnapshot.of(store(100), ACCOUNT); // warm-up
    convert(store(2_500));
    MemoryStore memory = store(5_000);
    long start = System.nanoTime();
    Network network = convert(memory);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(network.vpcs()).hasSize(5_000);
    ReachabilityAnalysis resolved = ReachabilityAnalysis.of(network);
    assertThat(network.subnets()).hasSize(5_000).allSatisfy(s -> {
      assertThat(resolved.routeTableOf(s.id())).isPresent();
      assertThat(resolved.networkAclOf(s.id())).isPresent();
    });
    assertThat(network.transitGatewayRouteTables()).hasSize(ENVIRONMENTS.size())
        .allSatisfy(t -> assertThat(t.routes()).hasSize(5_000));
    assertThat(millis).isLessThan(5_000);
  }

  private static Network convert(MemoryStore memory) {
    long start = System.nanoTime();
    Network network = NetworkSnapshot.of(memory, ACCOUNT);
    System.out.printf("NetworkSnapshot.of at %d VPCs: %d ms%n", network.vpcs().size(),
        (System.nanoTime() - start) / 1_000_000);
    return network;
  }

  private static MemoryStore store(int vpcs) {
    MemoryStore memory = new MemoryStore();
    memory.write(tx -> {
      tx.put(Ec2Tables.DEFAULTS, SCOPE, Ec2Tables.DEFAULTS_ID, new RegionDefaults(null, null));
      tx.put(Ec2Tables.TRANSIT_GATEWAY, SCOPE, TGW, new TransitGateway(TGW, "", "available", T0,
          TransitGateway.Options.defaults(), null, null));
      List<List<TransitGatewayRouteTable.Route>> routes = new ArrayList<>();
      List<List<String>> associations = new ArrayList<>();
      List<String> attachments = new ArrayList<>();
      ENVIRONMENTS.forEach(e -> { routes.add(new ArrayList<>()); associations.add(new ArrayList<>()); });
      for (int i = 0; i < vpcs; i++) {
        Cidr cidr = Cidr.parse("10." + (i / 256) + "." + (i % 256) + ".0/24");
        String vpc = id("vpc", i), subnet = id("subnet", i), rtb = id("rtb", i), acl = id("acl", i);
        String attachment = id("tgw-attach", i);
        tx.put(Ec2Tables.VPC, SCOPE, vpc, new Vpc(vpc, List.of(new Vpc.CidrAssociation(id("vpc-cidr-assoc", i), cidr,
            "associated")), List.of(), false, "default", "default", true, false, rtb, acl, id("sg", i)));
        tx.put(Ec2Tables.SUBNET, SCOPE, subnet, new Subnet(subnet, vpc, cidr, List.of(), "us-east-1a", "use1-az1",
            false, false, false));
        tx.put(Ec2Tables.ROUTE_TABLE, SCOPE, rtb, new RouteTable(rtb, vpc, List.of(
            new RouteTable.Route(new RouteTable.CidrDestination(cidr), new RouteTarget.Local(), RouteTable.Origin.CREATE_ROUTE_TABLE, RouteTable.State.ACTIVE),
            new RouteTable.Route(new RouteTable.CidrDestination(Cidr.parse("10.0.0.0/8")), new RouteTarget.TransitGateway(TGW),
                RouteTable.Origin.CREATE_ROUTE, RouteTable.State.ACTIVE)),
            List.of(new RouteTable.Association(id("rtbassoc", i), true, null, null)), List.of()));
        tx.put(Ec2Tables.NETWORK_ACL, SCOPE, acl, new NetworkAcl(acl, vpc, true,
            List.of(NetworkAcl.Entry.allowAll(100, false, Cidr.parse("0.0.0.0/0")),
                NetworkAcl.Entry.implicitDeny(false, Cidr.parse("0.0.0.0/0"))),
            List.of(new NetworkAcl.Association(id("aclassoc", i), subnet))));
        int env = i % ENVIRONMENTS.size();
        tx.put(Ec2Tables.TGW_ATTACHMENT, SCOPE, attachment, new TransitGatewayAttachment(attachment, TGW,
            TransitGatewayAttachment.ResourceType.VPC, vpc,
            ACCOUNT, TransitGatewayAttachment.State.AVAILABLE, List.of(subnet), id("tgw-rtb", env), T0, null, null, "disable", "enable", false));
        attachments.add(attachment);
        associations.get(env).add(attachment);
        for (var r : routes) r.add(new TransitGatewayRouteTable.Route(cidr, attachment,
            TransitGatewayRouteTable.RouteType.PROPAGATED, TransitGatewayRouteTable.RouteState.ACTIVE));
      }
      for (int env = 0; env < ENVIRONMENTS.size(); env++) {
        String rtb = id("tgw-rtb", env);
        tx.put(Ec2Tables.TGW_ROUTE_TABLE, SCOPE, rtb, new TransitGatewayRouteTable(rtb, TGW, "available", false, false,
            T0, routes.get(env), associations.get(env), attachments));
      }
      return null;
    });
    return memory;
  }

  private static String id(String prefix, int n) { return String.format("%s-%017x", prefix, n); }
}
