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
  void in_extensions_oneRegistryProvidedOnFirstUse() {
    Extensions extensions = new Extensions();
    DnsTargetRegistry first = DnsTargetRegistry.in(extensions);
    assertThat(DnsTargetRegistry.in(extensions)).isSameAs(first);
    assertThat(extensions.find(DnsTargetRegistry.class)).containsSame(first);
  }
}
