package dev.stratus.net.emulation;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The receiving end of a delay test: each 4-byte sequence number that arrives, with when it
 * arrived ({@code {number, nanoTime}}), for the test to compare with when it was sent.
 */
final class Arrivals extends ChannelInboundHandlerAdapter {
  private final ByteBuf pending = Unpooled.buffer();
  private final List<long[]> received;
  private final CountDownLatch all;

  Arrivals(List<long[]> received, CountDownLatch all) {
    this.received = received;
    this.all = all;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    long now = System.nanoTime();
    ByteBuf in = (ByteBuf) msg;
    pending.writeBytes(in);
    in.release();
    while (pending.readableBytes() >= 4) {
      synchronized (received) {
        received.add(new long[] {pending.readInt(), now});
      }
      all.countDown();
    }
    pending.discardReadBytes();
  }
}
