package dev.stratus.net.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The one place Stratus picks its Netty transports and event loops. TCP runs on io_uring where
 * the kernel allows it (Linux 5.10+, not blocked by a seccomp profile), else native epoll, else
 * NIO; UDP runs on epoll (else NIO). {@code -Dstratus.transport=epoll} keeps TCP on epoll,
 * {@code -Dstratus.transport=nio} puts everything on NIO. Every listener (AWS API port, DNS, HTTP
 * front ends, L4 proxies) and every outbound proxy connection takes its bootstraps from here, so
 * the process runs one small set of event-loop threads, not one set per listener.
 *
 * <p>Why io_uring for TCP and epoll for UDP: a proxied HTTP request costs ~20 % less CPU on
 * io_uring than on epoll (a loop turn's reads and writes reach the kernel in one call; the ALB
 * went from 0.72–0.89x HAProxy's requests per second to 1.04–1.07x, the NLB from 0.85–0.97x to
 * 1.13x), while a DNS query costs ~40 % more, because io_uring's datagram channel reads one
 * datagram per completion where epoll's reads a batch with recvmmsg.
 *
 * <p>What differs on io_uring for code above the channel: a flushed write is only queued in the
 * ring until the loop's next submission, while {@code shutdownOutput} is an immediate system
 * call, so a half close must wait for the write's promise (the emulated delay's own writes are
 * done for their writers at once: {@link dev.stratus.net.emulation.DelayHandler#afterWrites}).
 */
public final class Transport implements AutoCloseable {
  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Transport.class.getName());

  /*
   * Two groups: one thread accepts connections for every server socket ("boss"), the workers run
   * every connection, one per core the process may run on (-Dstratus.io.threads overrides). More
   * loops than cores only take turns: pinned to one core (bench/elb), two loops made the ALB's CPU
   * per request swing between 16 and 24 us from run to run; one loop gave 16 every time. Datagram
   * sockets have loops of their own when TCP runs on io_uring (see below). The threads are not
   * daemons: `stratus start` returns from main and its listeners' event loops keep the process
   * alive until SIGTERM (the shutdown hook closes the listeners; the shared transport is never
   * closed). Tests or tools that want isolation build their own with create() and close it.
   */

  private static final class Holder {
    static final Transport SHARED = new Transport(
        Integer.getInteger("stratus.io.threads", Runtime.getRuntime().availableProcessors()), "stratus");
  }

  /** A Netty transport: its event loops' I/O handler and its channel types. */
  private enum Kind {
    IO_URING, EPOLL, NIO;

    IoHandlerFactory handlers() {
      return switch (this) {
        case IO_URING -> IoUringIoHandler.newFactory();
        case EPOLL -> EpollIoHandler.newFactory();
        case NIO -> NioIoHandler.newFactory();
      };
    }

    /** io_uring where the kernel allows it, else epoll, else NIO; {@code -Dstratus.transport} picks another. */
    static Kind forStreams() {
      String chosen = System.getProperty("stratus.transport", "io_uring");
      if (chosen.equals("nio")) return NIO;
      if (chosen.equals("io_uring")) {
        if (IoUring.isAvailable()) return IO_URING;
        LOG.fine(() -> "io_uring unavailable, TCP on " + forDatagrams() + ": " + IoUring.unavailabilityCause());
      }
      return forDatagrams();
    }

    static Kind forDatagrams() {
      return Epoll.isAvailable() ? EPOLL : NIO;
    }
  }

  private final Kind streams;
  private final Kind datagrams;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final EventLoopGroup datagramWorkers;

  private Transport(int workerThreads, String name) {
    this.streams = Kind.forStreams();
    this.datagrams = Kind.forDatagrams();
    IoHandlerFactory io = streams.handlers();
    this.boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(name + "-accept", false), io);
    this.workers = new MultiThreadIoEventLoopGroup(workerThreads, new DefaultThreadFactory(name + "-io", false), io);
    // Event-loop threads start on first use: the datagram loops cost nothing until a UDP socket opens.
    this.datagramWorkers = datagrams == streams ? workers
        : new MultiThreadIoEventLoopGroup(workerThreads, new DefaultThreadFactory(name + "-udp", false), datagrams.handlers());
  }

  /** The process-wide transport every listener uses; created on first use, never closed (non-daemon threads). */
  public static Transport shared() {
    return Holder.SHARED;
  }

  /** A private transport with {@code workerThreads} I/O threads; its owner must close it. */
  public static Transport create(int workerThreads, String name) {
    if (workerThreads < 1) throw new IllegalArgumentException("workerThreads must be >= 1: " + workerThreads);
    return new Transport(workerThreads, name);
  }

  /** True when datagram sockets use native epoll (and so accept epoll's channel options). */
  public boolean datagramsOnEpoll() { return datagrams == Kind.EPOLL; }

  /** The group that accepts connections. */
  public EventLoopGroup boss() { return boss; }

  /** The group that runs TCP connections, accepted and outbound. */
  public EventLoopGroup workers() { return workers; }

  public Class<? extends ServerChannel> serverChannelType() {
    return switch (streams) {
      case IO_URING -> IoUringServerSocketChannel.class;
      case EPOLL -> EpollServerSocketChannel.class;
      case NIO -> NioServerSocketChannel.class;
    };
  }

  public Class<? extends SocketChannel> socketChannelType() {
    return switch (streams) {
      case IO_URING -> IoUringSocketChannel.class;
      case EPOLL -> EpollSocketChannel.class;
      case NIO -> NioSocketChannel.class;
    };
  }

  public Class<? extends DatagramChannel> datagramChannelType() {
    return datagrams == Kind.EPOLL ? EpollDatagramChannel.class : NioDatagramChannel.class;
  }

  /**
   * A server bootstrap on the shared groups with the channel type set and accept errors handled
   * by {@link AcceptErrorHandler} (descriptor exhaustion is logged once per burst, the listener
   * keeps running); the caller adds options and the child handler.
   */
  public ServerBootstrap server(String listenerName) {
    return new ServerBootstrap().group(boss, workers).channel(serverChannelType())
        .handler(new AcceptErrorHandler(listenerName));
  }

  /** A client bootstrap on the worker group. */
  public Bootstrap client() {
    return client(workers);
  }

  /** A client bootstrap on {@code group}, usually one event loop of the workers (no hand-offs). */
  public Bootstrap client(EventLoopGroup group) {
    return new Bootstrap().group(group).channel(socketChannelType());
  }

  /** A datagram bootstrap on the datagram event loops. */
  public Bootstrap datagram() {
    return datagram(datagramWorkers);
  }

  /** A datagram bootstrap on {@code group}: one event loop of {@link #datagram()}'s, e.g. a listener's. */
  public Bootstrap datagram(EventLoopGroup group) {
    return new Bootstrap().group(group).channel(datagramChannelType());
  }

  /** Shuts the groups down; a no-op for {@link #shared()}. */
  @Override
  public void close() {
    if (this == Holder.SHARED) return;
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    if (datagramWorkers != workers) datagramWorkers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
