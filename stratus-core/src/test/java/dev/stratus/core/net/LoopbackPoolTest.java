package dev.stratus.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.Extensions;
import org.junit.jupiter.api.Test;

class LoopbackPoolTest {
  @Test
  void allocate_startsAt127_1_0_1_andSkipsReserved() {
    var pool = new LoopbackPool();
    pool.reserve("127.1.0.2");
    assertThat(pool.allocate()).isEqualTo("127.1.0.1");
    assertThat(pool.allocate()).isEqualTo("127.1.0.3");
    assertThat(pool.inUse("127.1.0.2")).isTrue();
  }

  @Test
  void allocate_neverGivesNetworkOrBroadcastLikeOctets() {
    var pool = new LoopbackPool();
    for (int i = 0; i < 600; i++) {
      String a = pool.allocate();
      assertThat(a).doesNotEndWith(".0").doesNotEndWith(".255").isNotEqualTo("127.0.0.1").startsWith("127.1.");
    }
  }

  @Test
  void release_makesTheAddressFreeAgain_andPoolIsSharedPerExtensions() {
    var ext = new Extensions();
    var pool = LoopbackPool.in(ext);
    assertThat(LoopbackPool.in(ext)).isSameAs(pool);
    String a = pool.allocate();
    pool.release(a);
    assertThat(pool.inUse(a)).isFalse();
  }
}
