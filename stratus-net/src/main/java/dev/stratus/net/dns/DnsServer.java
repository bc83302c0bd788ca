package dev.stratus.net.dns;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A DNS server on one port over UDP and TCP, answering through a {@link DnsAnswerer}; Stratus's
 * Route 53 data plane (default port 5353, so {@code dig @127.0.0.1 -p 5353} works without root).
 */
public final class DnsServer implements AutoCloseable {

  /*
   * Native epoll where Netty's native library loads (Linux x86_64 / aarch64), NIO otherwise.
   * One event-loop thread serves both sockets: answers are in-memory snapshot lookups, so one
   * core saturates long before the lookups do. With port 0, UDP binds first to an ephemeral
   * port and TCP takes the same number; if TCP finds it taken we try again (a few times).
   */

  /** Attempts to find a port free for both UDP and TCP when asked for port 0. */
  private static final int EPHEMERAL_ATTEMPTS = 10;

  private final EventLoopGroup group;
  private final Channel udp;
  private final Channel tcp;

  private DnsServer(EventLoopGroup group, Channel udp, Channel tcp) {
    this.group = group;
    this.udp = udp;
    this.tcp = tcp;
  }

  /**
   * Binds UDP and TCP on {@code bindAddress:port} (0 = any free port, the same for both).
   *
   * @throws IllegalStateException if the port cannot be bound
   */
  public static DnsServer start(String bindAddress, int port, DnsAnswerer answerer) {
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, io);
    DnsRequestHandler handler = new DnsRequestHandler(answerer);
    Bootstrap udpBoot = new Bootstrap().group(group)
        .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
        .handler(new DnsUdpInitializer(handler));
    ServerBootstrap tcpBoot = new ServerBootstrap().group(group)
        .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childHandler(new DnsTcpInitializer(handler));
    RuntimeException last = null;
    for (int attempt = 0; attempt < (port == 0 ? EPHEMERAL_ATTEMPTS : 1); attempt++) {
      Channel udp = null;
      try {
        udp = udpBoot.bind(bindAddress, port).syncUninterruptibly().channel();
        int bound = ((InetSocketAddress) udp.localAddress()).getPort();
        Channel tcp = tcpBoot.bind(bindAddress, bound).syncUninterruptibly().channel();
        return new DnsServer(group, udp, tcp);
      } catch (RuntimeException e) {
        last = e;
        if (udp != null) {
          udp.close().syncUninterruptibly();
        }
      }
    }
    group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
    throw new IllegalStateException("cannot bind DNS server on " + bindAddress + ":" + port, last);
  }

  /** The bound port (UDP and TCP). */
  public int port() {
    return ((InetSocketAddress) udp.localAddress()).getPort();
  }

  /** True while both sockets are open (a health probe for the listener itself). */
  public boolean isOpen() {
    return udp.isOpen() && tcp.isOpen();
  }

  public InetSocketAddress udpAddress() {
    return (InetSocketAddress) udp.localAddress();
  }

  public InetSocketAddress tcpAddress() {
    return (InetSocketAddress) tcp.localAddress();
  }

  @Override
  public void close() {
    udp.close().syncUninterruptibly();
    tcp.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
