package dev.stratus.net.emulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.net.transport.Transport;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An answer written and the connection closed behind an emulated distance (an HTTP front end's
 * {@code Connection: close}): the client reads the whole answer, larger than the socket buffers
 * hold, even when the delayed write and the delayed close come due in the same event-loop turn.
 * (The close used to discard what the socket had not taken yet, on every transport.)
 */
class DelayHandlerCloseIT {
  private static final Duration ONE_WAY = Duration.ofMillis(300);

  @Test
  void answerThenClose_inOneLoopTurn_clientReadsTheWholeAnswer() throws Exception {
    byte[] answer = "x".repeat(16 * 1024 * 1024).getBytes(StandardCharsets.US_ASCII);
    try (Transport transport = Transport.create(1, "close-test")) {
      Channel server = transport.server("close-test").childHandler(new ChannelInitializer<SocketChannel>() {
        @Override
        protected void initChannel(SocketChannel ch) {
          ch.pipeline().addLast(new DelayHandler(ONE_WAY, 0));
          ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
              ctx.writeAndFlush(Unpooled.wrappedBuffer(answer)).addListener(ChannelFutureListener.CLOSE);
              // Hold the loop past both times, so that the write and the close run in one turn.
              ctx.executor().schedule(LoopStall.of(ONE_WAY.toMillis() / 2), ONE_WAY.toMillis() * 3 / 4,
                  java.util.concurrent.TimeUnit.MILLISECONDS);
            }
          });
        }
      }).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).syncUninterruptibly().channel();
      try (Socket s = new Socket()) {
        s.connect(server.localAddress(), 2000);
        s.setSoTimeout(10_000);
        assertThat(s.getInputStream().readAllBytes()).hasSize(answer.length);
      } finally {
        server.close().syncUninterruptibly();
      }
    }
  }
}
