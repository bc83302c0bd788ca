package dev.stratus.net.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionDeadlineTest {
  private static final long MS = 1_000_000L;
  private final EventLoop loop = new DefaultEventLoop();

  @AfterEach
  void stop() {
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  /** Runs {@code action} on the loop and waits for it. */
  private void on(Runnable action) throws Exception {
    loop.submit(action).get(5, TimeUnit.SECONDS);
  }

  @Test
  void expiresOnceItsTimeHasPassed() throws Exception {
    var fired = new CountDownLatch(1);
    long start = System.nanoTime();
    var d = new ConnectionDeadline[1];
    on(() -> { d[0] = new ConnectionDeadline(loop, fired::countDown); d[0].after(50 * MS); });
    assertTrue(fired.await(5, TimeUnit.SECONDS));
    assertTrue(System.nanoTime() - start >= 50 * MS, "fired before its deadline");
  }

  @Test
  void movedLaterItWaitsForTheNewTime() throws Exception {
    var firedAt = new AtomicLong();
    var fired = new CountDownLatch(1);
    var d = new ConnectionDeadline[1];
    on(() -> { d[0] = new ConnectionDeadline(loop, () -> { firedAt.set(System.nanoTime()); fired.countDown(); }); d[0].after(40 * MS); });
    Thread.sleep(20);
    long moved = System.nanoTime();
    on(() -> d[0].after(150 * MS)); // the pending task fires at 40 ms, finds time left, re-arms
    assertTrue(fired.await(5, TimeUnit.SECONDS));
    assertTrue(firedAt.get() - moved >= 150 * MS, "fired at the old deadline");
  }

  @Test
  void movedEarlierItFiresAtTheEarlierTime() throws Exception {
    var fired = new CountDownLatch(1);
    var d = new ConnectionDeadline[1];
    long start = System.nanoTime();
    on(() -> { d[0] = new ConnectionDeadline(loop, fired::countDown); d[0].after(10_000 * MS); d[0].after(30 * MS); });
    assertTrue(fired.await(2, TimeUnit.SECONDS), "still waiting for the first, later deadline");
    assertTrue(System.nanoTime() - start < 2_000 * MS);
  }

  @Test
  void clearedOrCancelledItNeverFires() throws Exception {
    var fired = new CountDownLatch(2);
    var d = new ConnectionDeadline[2];
    on(() -> {
      d[0] = new ConnectionDeadline(loop, fired::countDown);
      d[0].after(30 * MS);
      d[0].clear();
      d[1] = new ConnectionDeadline(loop, fired::countDown);
      d[1].after(30 * MS);
      d[1].cancel();
    });
    assertFalse(fired.await(200, TimeUnit.MILLISECONDS));
  }
}
