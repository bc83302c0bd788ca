package dev.stratus.net.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AcceptErrorHandlerTest {

  @Test
  void acceptErrors_burst_swallowedAndCounted() {
    AtomicInteger reachedTail = new AtomicInteger();
    AcceptErrorHandler handler = new AcceptErrorHandler("test listener");
    EmbeddedChannel server = new EmbeddedChannel(handler, new ChannelInboundHandlerAdapter() {
      @Override
      public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        reachedTail.incrementAndGet();
      }
    });
    for (int i = 0; i < 42; i++) {
      server.pipeline().fireExceptionCaught(new IOException("Too many open files"));
    }
    server.checkException(); // nothing left unhandled
    assertThat(reachedTail).hasValue(0);
    assertThat(handler.suppressedSinceLastLog()).isEqualTo(41); // one line logged, 41 folded into it
    assertThat(server.isOpen()).isTrue();
    server.finishAndReleaseAll();
  }

  @Test
  void transport_sharedIsOneInstance_andEpollOrNio() {
    assertThat(Transport.shared()).isSameAs(Transport.shared());
    assertThat(Transport.shared().serverChannelType().getSimpleName())
        .isIn("IoUringServerSocketChannel", "EpollServerSocketChannel", "NioServerSocketChannel");
  }
}
