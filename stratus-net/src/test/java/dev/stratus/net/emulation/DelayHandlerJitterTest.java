package dev.stratus.net.emulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Jittered emulated delay: every message late by at least the fixed delay, by varying amounts, never reordered. */
class DelayHandlerJitterTest {
  private static final int MESSAGES = 300;

  @Test
  void jitteredDelays_varyButKeepTheStreamInOrder() throws Exception {
    long fixed = Duration.ofMillis(5).toNanos();
    List<long[]> received = new ArrayList<>(); // {sequence number, arrival nanos}
    long[] sentAt = new long[MESSAGES];
    CountDownLatch all = new CountDownLatch(MESSAGES);
    try (var connection = new LocalConnection(ch -> {
      ch.pipeline().addLast(new DelayHandler(Duration.ofNanos(fixed), Duration.ofMillis(3).toNanos()));
      ch.pipeline().addLast(new Arrivals(received, all));
    })) {
      for (int i = 0; i < MESSAGES; i++) {
        sentAt[i] = System.nanoTime();
        connection.client.writeAndFlush(Unpooled.buffer(4).writeInt(i)).sync();
        if (i % 10 == 0) Thread.sleep(2);
      }
      assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
    }
    long minLate = Long.MAX_VALUE;
    long maxLate = 0;
    synchronized (received) {
      for (int i = 0; i < received.size(); i++) {
        assertThat(received.get(i)[0]).as("message %d arrives in order", i).isEqualTo(i);
        long late = received.get(i)[1] - sentAt[i];
        minLate = Math.min(minLate, late);
        maxLate = Math.max(maxLate, late);
      }
    }
    assertThat(minLate).isGreaterThanOrEqualTo(fixed - TimerLateness.MAX_NANOS); // timers set early by their lateness
    // An exponential of mean 3 ms over 300 draws spreads well past 5 ms.
    assertThat(maxLate - minLate).isGreaterThan(Duration.ofMillis(5).toNanos());
  }

  @Test
  void withoutJitter_theDelayIsFixed() {
    EmulatedJitter.enable(false);
    assertThat(EmulatedJitter.meanNanos()).isZero();
    EmulatedJitter.enable(true);
    try {
      // Y.1541's 50 ms at the 99.9th percentile: a mean of 50 / ln 1000 ms.
      assertThat(EmulatedJitter.meanNanos()).isEqualTo(Math.round(50 / Math.log(1000) * 1_000_000));
    } finally {
      EmulatedJitter.enable(false);
    }
  }
}
