package dev.stratus.net.emulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A reader that does not read by itself (a proxy, auto-read off) and asks once: the delay reads on
 * while it holds, as the network keeps carrying, but no further than a receive window; asking
 * again reads the rest.
 */
class DelayHandlerReceiveWindowTest {
  private static final int CHUNK = 16 * 1024; // one read takes 16 messages: a quarter of the window
  private static final int CHUNKS = 256; // 4 MiB, four windows

  @Test
  void readsOnWhileHolding_upToTheWindow_thenWaitsForTheReader() throws Exception {
    AtomicLong received = new AtomicLong();
    AtomicReference<ChannelHandlerContext> reader = new AtomicReference<>();
    try (var connection = new LocalConnection(ch -> {
      ch.config().setAutoRead(false);
      ch.pipeline().addLast(new DelayHandler(Duration.ofMillis(20), 0));
      ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
          reader.set(ctx);
          ctx.read(); // once
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
          received.addAndGet(((ByteBuf) msg).readableBytes());
          ((ByteBuf) msg).release();
        }
      });
    })) {
      for (int i = 0; i < CHUNKS; i++) connection.client.write(Unpooled.wrappedBuffer(new byte[CHUNK]));
      connection.client.flush();
      Thread.sleep(300); // many one-way delays: whatever was read has been passed on

      long held = received.get();
      assertThat(held).as("read on past the one read asked for").isGreaterThanOrEqualTo(DelayHandler.RECEIVE_WINDOW_BYTES);
      // One read's batch may go past the window before the check stops it, never the whole stream.
      assertThat(held).as("stopped near the window").isLessThanOrEqualTo(2L * DelayHandler.RECEIVE_WINDOW_BYTES);

      while (received.get() < (long) CHUNK * CHUNKS) {
        long before = received.get();
        reader.get().channel().eventLoop().execute(() -> reader.get().read());
        Thread.sleep(100);
        assertThat(received.get()).as("the reader's ask reads more").isGreaterThan(before);
      }
    }
  }
}
