package dev.stratus.net.dns;

import dev.stratus.net.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import java.net.InetSocketAddress;

/**
 * A DNS server on one port over UDP and TCP, answering through a {@link DnsAnswerer}; Stratus's
 * Route 53 data plane (default port 5353, so {@code dig @127.0.0.1 -p 5353} works without root).
 */
public final class DnsServer implements AutoCloseable {

  /*
   * Native epoll where Netty's native library loads (Linux x86_64 / aarch64), NIO otherwise;
   * under epoll UDP reads use recvmmsg (up to DATAGRAMS_PER_READ a call) and the answer cache
   * flushes once per read batch, so writes go out through sendmmsg.
   * Both sockets run on the shared Transport's event loops (the UDP socket on one of them):
   * answers are in-memory snapshot lookups, so one loop saturates long before the lookups do. With port 0, UDP binds first to an ephemeral
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

  private final Channel udp;
  private final Channel tcp;
  private final DnsTcpConnections connections;

  private DnsServer(Channel udp, Channel tcp, DnsTcpConnections connections) {
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
    return start(Transport.shared(), bindAddress, port, answerer, DnsTcpLimits.DEFAULT);
  }

  /** As {@link #start(String, int, DnsAnswerer)} with explicit TCP limits (tests use short ones). */
  public static DnsServer start(String bindAddress, int port, DnsAnswerer answerer, DnsTcpLimits limits) {
    return start(Transport.shared(), bindAddress, port, answerer, limits);
  }

  /** As {@link #start(String, int, DnsAnswerer, DnsTcpLimits)} on the given transport's event loops. */
  public static DnsServer start(Transport transport, String bindAddress, int port, DnsAnswerer answerer,
      DnsTcpLimits limits) {
    boolean epoll = transport.datagramsOnEpoll();
    DnsRequestHandler handler = new DnsRequestHandler(answerer);
    DnsTcpConnections connections = new DnsTcpConnections(limits, System::nanoTime);
    Bootstrap udpBoot = transport.datagram()
        .option(ChannelOption.SO_RCVBUF, UDP_RECEIVE_BUFFER_BYTES)
        .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_QUERY_BYTES * DATAGRAMS_PER_READ))
        .handler(new DnsUdpInitializer(handler, answerer));
    if (epoll) {
      udpBoot.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_QUERY_BYTES);
    }
    ServerBootstrap tcpBoot = transport.server("DNS TCP")
        .option(ChannelOption.SO_REUSEADDR, true)
        .childHandler(new DnsTcpInitializer(handler, connections));
    Exception last = null;
    for (int attempt = 0; attempt < (port == 0 ? EPHEMERAL_ATTEMPTS : 1); attempt++) {
      Channel udp = null;
      try {
        udp = udpBoot.bind(bindAddress, port).syncUninterruptibly().channel();
        int bound = ((InetSocketAddress) udp.localAddress()).getPort();
        Channel tcp = tcpBoot.bind(bindAddress, bound).syncUninterruptibly().channel();
        return new DnsServer(udp, tcp, connections);
      } catch (Exception e) { // Netty rethrows the bind's checked NativeIoException unchecked
        last = e;
        if (udp != null) {
          udp.close().syncUninterruptibly();
        }
      }
    }
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
  }
}
