package dev.stratus.net.emulation.handshake;

import dev.stratus.net.emulation.EmulatedDelay;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Holds TCP handshakes for the modelled round trip under {@code --emulate-network}: the kernel
 * completes a handshake before {@code accept()}, so the listener's {@link EmulatedDelay} cannot
 * hold it; instead an iptables rule per emulated listener queues the clients' SYNs (NFQUEUE) and
 * {@link SynHolder} lets each go after {@link EmulatedDelay#handshake}. The listeners that hold
 * their connections ({@code HttpFrontEnd}, {@code TcpProxy} bound with a delay) register here
 * with the same delay, for as long as they listen.
 *
 * <p>Started with the first such listener. Where the process cannot (not Linux, not root, no
 * iptables, Java 21, no nfnetlink_queue) it says once what is missing and handshakes stay
 * unheld, as before. {@code -Dstratus.emulateHandshake=false} turns it off.
 */
public final class HandshakeHold {
  private static final Logger LOG = Logger.getLogger(HandshakeHold.class.getName());
  /** The queue numbers tried (a queue has one reader: each Stratus process takes the first free one). */
  private static final int FIRST_QUEUE = 21_300;
  private static final int QUEUES = 200;

  private record Held(EmulatedDelay delay, Object token) {}

  private static final Map<InetSocketAddress, Held> LISTENERS = new ConcurrentHashMap<>();
  private static final ExecutorService RULES = Executors.newSingleThreadExecutor(
      r -> Thread.ofPlatform().daemon().name("stratus-syn-rules").unstarted(r));
  private static Engine engine; // guarded by HandshakeHold.class; null until the first listener
  private static String unavailable; // guarded by HandshakeHold.class: why not, once known
  private static volatile boolean stopping; // the JVM is exiting: its hook removes every rule at once

  /** The queue, its reader and its rules. */
  private record Engine(SynHolder holder, SynRules rules) {}

  private HandshakeHold() {}

  /**
   * Holds the SYNs sent to {@code listener} for {@code delay}'s handshake round trip while it
   * listens (nothing for {@link EmulatedDelay#NONE}).
   */
  public static void whileListening(io.netty.channel.Channel listener, EmulatedDelay delay) {
    if (delay == EmulatedDelay.NONE) return;
    InetSocketAddress listening = (InetSocketAddress) listener.localAddress();
    if (!(listening.getAddress() instanceof java.net.Inet4Address)) return; // iptables rules are IPv4's
    Held held = new Held(delay, new Object());
    LISTENERS.put(listening, held);
    // Off the binding thread: the first start binds the queue and runs iptables (tens of ms).
    RULES.execute(() -> engine().ifPresent(e -> rule(e, listening, true)));
    listener.closeFuture().addListener(closed -> {
      if (LISTENERS.remove(listening, held)) RULES.execute(() -> engine().ifPresent(e -> rule(e, listening, false)));
    });
  }

  /** Why handshakes are not held in this process; empty when they are (starting it if need be). */
  public static synchronized Optional<String> unavailable() {
    engine();
    return Optional.ofNullable(unavailable);
  }

  /** Waits until the rules of the listeners registered so far are in place (tests). */
  public static void settle() throws InterruptedException {
    var done = new java.util.concurrent.CountDownLatch(1);
    RULES.execute(done::countDown);
    done.await(30, TimeUnit.SECONDS);
  }

  private static void rule(Engine e, InetSocketAddress listening, boolean add) {
    if (stopping) return;
    try {
      if (add) e.rules().add(listening); else e.rules().remove(listening);
    } catch (IOException ex) {
      LOG.warning(() -> "TCP handshakes to " + listening + " " + (add ? "not held" : "rule left") + ": " + ex.getMessage());
    }
  }

  private static EmulatedDelay listenerAt(InetSocketAddress address) {
    Held held = LISTENERS.get(address);
    if (held == null) held = LISTENERS.get(new InetSocketAddress(anyLocal(), address.getPort()));
    return held == null ? null : held.delay();
  }

  private static InetAddress anyLocal() {
    return new InetSocketAddress(0).getAddress();
  }

  private static synchronized Optional<Engine> engine() {
    if (engine != null) return Optional.of(engine);
    if (unavailable != null) return Optional.empty();
    if (!Boolean.parseBoolean(System.getProperty("stratus.emulateHandshake", "true"))) {
      unavailable = "turned off (-Dstratus.emulateHandshake=false)";
      return Optional.empty();
    }
    List<String> missing = HoldRequirements.missing();
    if (!missing.isEmpty()) return notHeld("needs " + String.join(", ", missing));
    String iptables = SynRules.command().orElseThrow();
    NetfilterQueue queue;
    try {
      queue = NetfilterQueue.open(FIRST_QUEUE, QUEUES);
    } catch (IOException e) {
      return notHeld("the kernel's packet queue (nfnetlink_queue) could not be bound: " + e.getMessage());
    }
    SynRules rules = new SynRules(iptables, queue.number());
    rules.removeOwnAndLeftovers();
    engine = new Engine(new SynHolder(queue, HandshakeHold::listenerAt), rules);
    Engine started = engine;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      // After the rule changes already asked for, and instead of those the closing listeners ask for now.
      var cleaned = new java.util.concurrent.CountDownLatch(1);
      RULES.execute(() -> {
        stopping = true;
        started.rules().removeOwnAndLeftovers();
        cleaned.countDown();
      });
      try {
        cleaned.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
      }
      started.holder().close();
    }, "stratus-syn-rules-cleanup"));
    LOG.info(() -> "--emulate-network: TCP handshakes held for the modelled round trip (NFQUEUE " + queue.number()
        + ", rules by " + iptables + ")");
    return Optional.of(engine);
  }

  private static Optional<Engine> notHeld(String why) {
    unavailable = why;
    LOG.warning(() -> "--emulate-network: TCP handshakes are not held (curl's time_connect stays near zero): " + why);
    return Optional.empty();
  }
}
