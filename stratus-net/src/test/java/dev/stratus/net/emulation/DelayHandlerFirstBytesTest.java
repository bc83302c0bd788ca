package dev.stratus.net.emulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A new connection's first bytes wait (Global Accelerator's edge connecting to the endpoint):
 * what comes before the wait is over leaves as if sent at its end, in order; what comes after
 * pays the one-way delay alone.
 */
class DelayHandlerFirstBytesTest {
  private static final long ONE_WAY = Duration.ofMillis(20).toNanos();
  private static final long WAIT = Duration.ofMillis(150).toNanos();
  private static final int MESSAGES = 60;
  /** The least a message waits: the handler sets its timers early by the lateness it has seen, at most this. */
  private static final long LEAST_ONE_WAY = ONE_WAY - TimerLateness.MAX_NANOS;

  @Test
  void bytesBeforeTheWaitEnds_leaveAtItsEndInOrder_laterOnesPayTheOneWayAlone() throws Exception {
    List<long[]> received = new ArrayList<>(); // {sequence number, arrival nanos}
    long[] sentAt = new long[MESSAGES];
    long[] acceptedAt = new long[1];
    CountDownLatch all = new CountDownLatch(MESSAGES);
    try (var connection = new LocalConnection(ch -> {
      acceptedAt[0] = System.nanoTime();
      ch.pipeline().addLast(new DelayHandler(Duration.ofNanos(ONE_WAY), Duration.ofNanos(WAIT), 0));
      ch.pipeline().addLast(new Arrivals(received, all));
    })) {
      // Messages every ~5 ms for ~300 ms: the first half inside the wait, the rest after it.
      for (int i = 0; i < MESSAGES; i++) {
        sentAt[i] = System.nanoTime();
        connection.client.writeAndFlush(Unpooled.buffer(4).writeInt(i)).sync();
        Thread.sleep(5);
      }
      assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
    }
    long gateEnd = acceptedAt[0] + WAIT;
    synchronized (received) {
      for (int i = 0; i < received.size(); i++) {
        long[] r = received.get(i);
        assertThat(r[0]).as("message %d arrives in order", i).isEqualTo(i);
        assertThat(r[1] - Math.max(sentAt[i], gateEnd)).as("message %d: the one-way delay after the wait", i)
            .isGreaterThanOrEqualTo(LEAST_ONE_WAY);
      }
      assertThat(sentAt[0]).isLessThan(gateEnd);
      long first = received.get(0)[1] - sentAt[0];
      assertThat(first).as("the first message waits for the wait's end").isGreaterThanOrEqualTo(gateEnd - sentAt[0] + LEAST_ONE_WAY);
      long last = received.get(MESSAGES - 1)[1] - sentAt[MESSAGES - 1];
      assertThat(sentAt[MESSAGES - 1]).isGreaterThan(gateEnd + ONE_WAY);
      assertThat(last).as("a message after the wait pays the one-way delay only").isLessThan(ONE_WAY + WAIT / 2);
    }
  }

  @Test
  void noWait_byDefault() {
    EmulatedDelay delay = (client, local) -> Duration.ofMillis(7);
    assertThat(delay.firstBytesWait(null, null)).isZero();
    EmulatedDelay withWait = EmulatedDelay.of(delay, delay, (client, local) -> Duration.ofMillis(3));
    assertThat(withWait.oneWay(null, null)).isEqualTo(Duration.ofMillis(7));
    assertThat(withWait.firstBytesWait(null, null)).isEqualTo(Duration.ofMillis(3));
    assertThat(EmulatedDelay.of(delay, delay).firstBytesWait(null, null)).isZero();
  }
}
