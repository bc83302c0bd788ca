package dev.stratus.net.emulation.handshake;

import dev.stratus.net.emulation.EmulatedDelay;
import dev.stratus.net.emulation.TimerLateness;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Reads the SYNs the queue holds and lets each go once its listener's handshake round trip has
 * passed: the SYN reaches the listener that much later, so the client's {@code connect()} (which
 * waits for the SYN-ACK) takes one modelled round trip. A SYN to no emulated listener goes at once.
 */
final class SynHolder implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(SynHolder.class.getName());

  private final NetfilterQueue queue;
  private final Function<InetSocketAddress, EmulatedDelay> listeners;
  private final ScheduledThreadPoolExecutor verdicts;
  private final Thread reader;
  /** How late verdicts leave after their time (the wake-up and the send): each is aimed that much early. */
  private final TimerLateness lateness = new TimerLateness();
  private volatile boolean running = true;

  SynHolder(NetfilterQueue queue, Function<InetSocketAddress, EmulatedDelay> listeners) {
    this.queue = queue;
    this.listeners = listeners;
    this.verdicts = new ScheduledThreadPoolExecutor(1, r -> Thread.ofPlatform().daemon().name("stratus-syn-verdicts").unstarted(r));
    this.reader = Thread.ofPlatform().daemon().name("stratus-syn-queue").start(this::read);
  }

  private void read() {
    while (running) {
      try {
        var packets = queue.receive();
        long received = System.nanoTime();
        for (QueuedPacket p : packets) hold(p, received);
      } catch (IOException e) {
        if (running) LOG.warning(() -> "TCP handshakes: reading the packet queue failed, SYNs pass unheld from now: " + e.getMessage());
        return;
      }
    }
  }

  /** Holds {@code packet} until its wait is up, counted from {@code received}: the model's own time to answer is inside it. */
  private void hold(QueuedPacket packet, long received) {
    Duration wait = packet.ends().map(e -> {
      EmulatedDelay delay = listeners.apply(e.listener());
      try {
        return delay == null ? Duration.ZERO : delay.handshake(e.client(), e.listener());
      } catch (RuntimeException ex) {
        return Duration.ZERO; // a listener that cannot say: no hold rather than no connection
      }
    }).orElse(Duration.ZERO);
    long left = lateness.aim(wait.toNanos() - (System.nanoTime() - received));
    if (left == 0) {
      accept(packet.id());
    } else {
      lateness.schedule(verdicts, left, () -> accept(packet.id()));
    }
  }

  private void accept(int id) {
    try {
      queue.accept(id);
    } catch (IOException e) {
      if (running) LOG.fine(() -> "TCP handshakes: verdict for packet " + id + " failed: " + e.getMessage());
    }
  }

  /** Lets every held SYN go now, then stops reading and closes the queue. */
  @Override
  public void close() {
    for (Runnable pending : verdicts.getQueue().toArray(Runnable[]::new)) {
      if (verdicts.remove(pending)) pending.run();
    }
    verdicts.shutdown();
    running = false;
    try {
      reader.join(1000); // the queue's receive returns within its 0.2 s timeout
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    queue.close();
  }
}
