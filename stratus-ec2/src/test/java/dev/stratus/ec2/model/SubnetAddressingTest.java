package dev.stratus.ec2.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.net.Cidr;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SubnetAddressingTest {
  private final Cidr slash28 = Cidr.parse("10.0.1.0/28");

  @Test
  @DisplayName("vpc.md §6: a /28 has 11 usable addresses")
  void availableCount_slash28_eleven() {
    assertThat(SubnetAddressing.availableCount(slash28, 0)).isEqualTo(11);
    assertThat(SubnetAddressing.availableCount(Cidr.parse("172.31.0.0/20"), 1)).isEqualTo(4090);
  }

  @Test
  void isReserved_firstFourAndLast_reserved() {
    for (String ip : new String[] {"10.0.1.0", "10.0.1.1", "10.0.1.2", "10.0.1.3", "10.0.1.15"}) {
      assertThat(SubnetAddressing.isReserved(slash28, ip)).as(ip).isTrue();
    }
    assertThat(SubnetAddressing.isAssignable(slash28, "10.0.1.4")).isTrue();
  }

  @Test
  void nextFree_skipsReservedAndUsed_emptyWhenFull() {
    assertThat(SubnetAddressing.nextFree(slash28, Set.of())).contains("10.0.1.4");
    assertThat(SubnetAddressing.nextFree(slash28, Set.of("10.0.1.4"))).contains("10.0.1.5");
    Set<String> all = new java.util.HashSet<>();
    for (int i = 4; i <= 14; i++) all.add("10.0.1." + i);
    assertThat(SubnetAddressing.nextFree(slash28, all)).isEmpty();
  }
}
