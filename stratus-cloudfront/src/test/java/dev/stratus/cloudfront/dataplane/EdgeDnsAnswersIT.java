package dev.stratus.cloudfront.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.dns.DnsQueryClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/**
 * A distribution's names answer each DNS client with the edge nearest it (what Route 53's DNS
 * server asks the registry with), and the viewer that connects there is served by that edge.
 */
class EdgeDnsAnswersIT {
  static final String ID = "E7DNSANSWERS01";

  @Test
  void namesAnswerTheNearestEdge_perClient_andThatEdgeServesTheViewer() throws Exception {
    try (EdgeHarness h = new EdgeHarness()) {
      h.source.cachePolicies.put("p", EdgeHarness.policy(0, 100, 1000));
      h.deploy(ID, h.config("p").build());
      var sydney = new DnsQueryClient(InetAddress.getByName(EdgeHarness.SYDNEY), 32, -33.87, 151.21, true);
      var frankfurt = new DnsQueryClient(InetAddress.getByName("127.64.0.1"), 24, 50.11, 8.68, true);
      var unplaced = new DnsQueryClient(InetAddress.getByName(EdgeHarness.UNPLACED), 32, 39.04, -77.49, false);
      for (String name : new String[] {EdgeHarness.host(ID), "d" + ID.toLowerCase() + ".cloudfront.net"}) {
        assertThat(h.dns.find(name, () -> sydney).orElseThrow().addresses()).as(name)
            .containsExactly(h.edge.addressOf("SYD62").orElseThrow().getAddress());
        assertThat(h.dns.find(name, () -> frankfurt).orElseThrow().addresses()).as(name)
            .containsExactly(h.edge.addressOf("FRA56").orElseThrow().getAddress());
        assertThat(h.dns.find(name, () -> unplaced).orElseThrow().addresses()).as(name)
            .containsExactly(h.edge.addressOf("IAD89").orElseThrow().getAddress());
        assertThat(h.dns.find(name).orElseThrow().addresses()).as("no client: the default edge")
            .containsExactly(h.edge.addressOf("IAD89").orElseThrow().getAddress());
        assertThat(h.dns.find(name).orElseThrow().ttlSeconds()).isEqualTo(60);
      }
      InetAddress answered = h.dns.find(EdgeHarness.host(ID), () -> sydney).orElseThrow().addresses().getFirst();
      InetSocketAddress at = h.edge.listeners().stream().map(CloudFrontEdge.EdgeListener::address)
          .filter(a -> a.getAddress().equals(answered)).findFirst().orElseThrow();
      var reply = new Viewer(EdgeHarness.SYDNEY).get(at, EdgeHarness.host(ID), "/dns");
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.header("x-amz-cf-pop")).startsWith("SYD62");
    }
  }

  @Test
  void unplacedClient_withADefaultViewerCity_answersTheEdgeNearThatCity() throws Exception {
    try (EdgeHarness h = new EdgeHarness(s -> s.withDefaultViewerCity("Tokyo"))) {
      h.source.cachePolicies.put("p", EdgeHarness.policy(0, 100, 1000));
      h.deploy(ID, h.config("p").build());
      var unplaced = new DnsQueryClient(InetAddress.getByName(EdgeHarness.UNPLACED), 32, 39.04, -77.49, false);
      assertThat(h.dns.find(EdgeHarness.host(ID), () -> unplaced).orElseThrow().addresses())
          .containsExactly(h.edge.addressOf("NRT57").orElseThrow().getAddress());
    }
  }
}
