package dev.stratus.net.dns;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
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
   * Native epoll where Netty's native library loads (Linux x86_64 / aarch64), NIO otherwise;
   * under epoll UDP reads use recvmmsg (up to DATAGRAMS_PER_READ a call) and the answer cache
   * flushes once per read batch, so writes go out through sendmmsg.
   * One event-loop thread serves both sockets: answers are in-memory snapshot lookups, so one
   * core saturates long before the lookups do. With port 0, UDP binds first to an ephemeral
   * port and TCP takes the same number; if TCP finds it taken we try again (a few times).
   */

  /** Largest query datagram read: 4,096 bytes, Route 53's largest EDNS0 UDP size (route53.md §40). */
  private static final int MAX_QUERY_BYTES = 4_096;
  /** Datagrams read by one recvmmsg call under epoll (fewer syscalls under load). */
  private static final int DATAGRAMS_PER_READ = 16;
  /** Kernel receive buffer, 4 MiB: absorbs bursts from many resolvers without drops. */
  private static final int UDP_RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

  /** Attempts to find a port free for both UDP and TCP when asked for port 0. */
  private static final int EPHEMERAL_ATTEMPTS = 10;

  private final EventLoopGroup group;
  private final Channel udp;
  private final Channel tcp;
  private final DnsTcpConnections connections;

  private DnsServer(EventLoopGroup group, Channel udp, Channel tcp, DnsTcpConnections connections) {
    this.group = group;
    this.udp = udp;
    this.tcp = tcp;
    this.connections = connections;
  }

  /**
   * Binds UDP and TCP on {@code bindAddress:port} (0 = any free port, the same for both).
   *
   * @throws IllegalStateException if the port cannot be bound
   */
  public static DnsServer start(String bindAddress, int port, DnsAnswerer answerer) {
    return start(bindAddress, port, answerer, DnsTcpLimits.DEFAULT);
  }

  /** As {@link #start(String, int, DnsAnswerer)} with explicit TCP limits (tests use short ones). */
  public static DnsServer start(String bindAddress, int port, DnsAnswerer answerer, DnsTcpLimits limits) {
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, io);
    DnsRequestHandler handler = new DnsRequestHandler(answerer);
    DnsTcpConnections connections = new DnsTcpConnections(limits, System::nanoTime);
    Bootstrap udpBoot = new Bootstrap().group(group)
        .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
        .option(ChannelOption.SO_RCVBUF, UDP_RECEIVE_BUFFER_BYTES)
        .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_QUERY_BYTES * DATAGRAMS_PER_READ))
        .handler(new DnsUdpInitializer(handler, answerer));
    if (epoll) {
      udpBoot.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_QUERY_BYTES);
    }
    ServerBootstrap tcpBoot = new ServerBootstrap().group(group)
        .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
        .option(ChannelOption.SO_REUSEADDR, true)
        .handler(new ChannelInitializer<Channel>() { // a fresh guard per bind attempt (it is not sharable)
          @Override
          protected void initChannel(Channel ch) {
            ch.pipeline().addLast(new DnsAcceptGuard());
          }
        })
        .childHandler(new DnsTcpInitializer(handler, connections));
    Exception last = null;
    for (int attempt = 0; attempt < (port == 0 ? EPHEMERAL_ATTEMPTS : 1); attempt++) {
      Channel udp = null;
      try {
        udp = udpBoot.bind(bindAddress, port).syncUninterruptibly().channel();
        int bound = ((InetSocketAddress) udp.localAddress()).getPort();
        Channel tcp = tcpBoot.bind(bindAddress, bound).syncUninterruptibly().channel();
        return new DnsServer(group, udp, tcp, connections);
      } catch (Exception e) { // Netty rethrows the bind's checked NativeIoException unchecked
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

  /** Open DNS TCP connections now. */
  public int tcpConnections() {
    return connections.size();
  }

  /** DNS TCP connections closed to make room under the cap, since start. */
  public long tcpConnectionsShed() {
    return connections.shedCount();
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
