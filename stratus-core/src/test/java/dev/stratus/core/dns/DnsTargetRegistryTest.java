package dev.stratus.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.Extensions;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared registry of AWS resource DNS names. */
class DnsTargetRegistryTest {

  @Test
  void find_anyCaseTrailingDotOrDualstack_sameTarget() throws Exception {
    DnsTargetRegistry registry = DnsTargetRegistry.inMemory();
    registry.put(new DnsTarget("My-ALB-1.us-east-1.elb.localhost.", List.of(InetAddress.getByName("127.0.0.1")), 60, true));
    assertThat(registry.find("my-alb-1.us-east-1.elb.localhost")).isPresent();
    assertThat(registry.find("MY-ALB-1.US-EAST-1.ELB.LOCALHOST.")).isPresent();
    assertThat(registry.find("dualstack.my-alb-1.us-east-1.elb.localhost.")).get()
        .extracting(DnsTarget::ttlSeconds).isEqualTo(60L);
    registry.remove("MY-ALB-1.us-east-1.elb.localhost.");
    assertThat(registry.find("my-alb-1.us-east-1.elb.localhost")).isEmpty();
  }

  @Test
  void version_growsWithEveryChange_andOnlyThen() throws Exception {
    DnsTargetRegistry registry = DnsTargetRegistry.inMemory();
    long start = registry.version();
    assertThat(start).isNotNegative();
    var target = new DnsTarget("a.elb.localhost", List.of(InetAddress.getByName("127.0.0.1")), 60, true);
    registry.put(target);
    long afterPut = registry.version();
    assertThat(afterPut).isGreaterThan(start);
    registry.put(new DnsTarget("A.elb.localhost.", List.of(InetAddress.getByName("127.0.0.1")), 60, true));
    assertThat(registry.version()).as("the same target again").isEqualTo(afterPut);
    registry.put(new DnsTarget("a.elb.localhost", List.of(InetAddress.getByName("127.0.0.1")), 60, false));
    long afterHealth = registry.version();
    assertThat(afterHealth).isGreaterThan(afterPut);
    registry.remove("nothing.elb.localhost");
    assertThat(registry.version()).isEqualTo(afterHealth);
    registry.remove("a.elb.localhost");
    assertThat(registry.version()).isGreaterThan(afterHealth);
  }

  @Test
  void perClientName_answersEachClientItsOwnAddresses_andAsksOnlyWhenPerClient() throws Exception {
    DnsTargetRegistry registry = DnsTargetRegistry.inMemory();
    InetAddress sydneyEdge = InetAddress.getByName("127.0.0.61");
    InetAddress defaultEdge = InetAddress.getByName("127.0.0.89");
    long before = registry.version();
    registry.put(new DnsTarget("d1.cloudfront.localhost", List.of(defaultEdge), 60, true),
        c -> List.of(c.placed() && c.latitude() < 0 ? sydneyEdge : defaultEdge));
    assertThat(registry.version()).isGreaterThan(before);
    var asked = new java.util.concurrent.atomic.AtomicInteger();
    DnsQueryClient sydney = new DnsQueryClient(InetAddress.getByName("127.61.0.1"), 32, -33.9, 151.2, true);
    DnsQueryClient unplaced = new DnsQueryClient(InetAddress.getByName("127.0.0.1"), 32, 38.9, -77.0, false);
    assertThat(registry.find("D1.cloudfront.localhost.", () -> { asked.incrementAndGet(); return sydney; }))
        .get().satisfies(t -> {
          assertThat(t.addresses()).containsExactly(sydneyEdge);
          assertThat(t.ttlSeconds()).isEqualTo(60);
          assertThat(t.healthy()).isTrue();
        });
    assertThat(registry.find("d1.cloudfront.localhost", () -> unplaced).orElseThrow().addresses()).containsExactly(defaultEdge);
    assertThat(registry.find("d1.cloudfront.localhost").orElseThrow().addresses()).as("no client: the target's own")
        .containsExactly(defaultEdge);
    assertThat(asked).hasValue(1);

    registry.put(new DnsTarget("a.elb.localhost", List.of(defaultEdge), 60, true));
    assertThat(registry.find("a.elb.localhost", () -> { asked.incrementAndGet(); return sydney; })).isPresent();
    assertThat(asked).as("a fixed name never asks who the client is").hasValue(1);
    registry.put(new DnsTarget("d1.cloudfront.localhost", List.of(defaultEdge), 60, true));
    assertThat(registry.find("d1.cloudfront.localhost", () -> sydney).orElseThrow().addresses())
        .as("replaced by a fixed target").containsExactly(defaultEdge);
  }

  @Test
  void in_extensions_oneRegistryProvidedOnFirstUse() {
    Extensions extensions = new Extensions();
    DnsTargetRegistry first = DnsTargetRegistry.in(extensions);
    assertThat(DnsTargetRegistry.in(extensions)).isSameAs(first);
    assertThat(extensions.find(DnsTargetRegistry.class)).containsSame(first);
  }
}
