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
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The one place Stratus picks its Netty transport and event loops: native epoll where Netty's
 * native library loads (Linux x86_64 / aarch64), NIO otherwise. Every listener (AWS API port,
 * DNS, HTTP front ends, L4 proxies) and every outbound proxy connection takes its bootstraps from
 * here, so the process runs one small set of event-loop threads, not one set per listener.
 */
public final class Transport implements AutoCloseable {

  /*
   * Two groups: one thread accepts connections for every server socket ("boss"), the workers
   * (one per core, at least two) run every connection and datagram socket. The threads are not
   * daemons: `stratus start` returns from main and its listeners' event loops keep the process
   * alive until SIGTERM (the shutdown hook closes the listeners; the shared transport is never
   * closed). Tests or tools that want isolation build their own with create() and close it.
   */

  private static final class Holder {
    static final Transport SHARED = new Transport(Math.max(2, Runtime.getRuntime().availableProcessors()), "stratus");
  }

  private final boolean epoll;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;

  private Transport(int workerThreads, String name) {
    this.epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    this.boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(name + "-accept", false), io);
    this.workers = new MultiThreadIoEventLoopGroup(workerThreads, new DefaultThreadFactory(name + "-io", false), io);
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

  /** True when the native epoll transport is in use. */
  public boolean epoll() { return epoll; }

  /** The group that accepts connections. */
  public EventLoopGroup boss() { return boss; }

  /** The group that runs connections, datagram sockets and outbound proxy connections. */
  public EventLoopGroup workers() { return workers; }

  public Class<? extends ServerChannel> serverChannelType() {
    return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  public Class<? extends SocketChannel> socketChannelType() {
    return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
  }

  public Class<? extends DatagramChannel> datagramChannelType() {
    return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
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

  /** A datagram bootstrap on the worker group. */
  public Bootstrap datagram() {
    return datagram(workers);
  }

  /** A datagram bootstrap on {@code group}, usually one event loop of the workers. */
  public Bootstrap datagram(EventLoopGroup group) {
    return new Bootstrap().group(group).channel(datagramChannelType());
  }

  /** Shuts the groups down; a no-op for {@link #shared()}. */
  @Override
  public void close() {
    if (this == Holder.SHARED) return;
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
