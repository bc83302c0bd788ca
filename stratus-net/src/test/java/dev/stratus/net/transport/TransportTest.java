package dev.stratus.net.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringSocketChannel;
import org.junit.jupiter.api.Test;

/** TCP on io_uring by default where the kernel allows it, else epoll, else NIO; UDP on epoll. */
class TransportTest {

  @Test
  void default_tcpOnIoUringWhereAvailable_udpOnEpoll() {
    String was = System.clearProperty("stratus.transport");
    try (Transport t = Transport.create(1, "default-test")) {
      var tcp = IoUring.isAvailable() ? IoUringSocketChannel.class : Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class;
      assertThat(t.socketChannelType()).isEqualTo(tcp);
      assertThat(t.datagramsOnEpoll()).isEqualTo(Epoll.isAvailable());
    } finally {
      if (was != null) System.setProperty("stratus.transport", was);
    }
  }

  @Test
  void epollAsked_tcpOnEpoll() {
    String was = System.setProperty("stratus.transport", "epoll");
    try (Transport t = Transport.create(1, "epoll-test")) {
      assertThat(t.socketChannelType()).isEqualTo(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class);
      if (Epoll.isAvailable()) assertThat(t.datagramChannelType()).isEqualTo(EpollDatagramChannel.class);
    } finally {
      if (was == null) System.clearProperty("stratus.transport");
      else System.setProperty("stratus.transport", was);
    }
  }
}
