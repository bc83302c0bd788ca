package dev.stratus.net.emulation;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Holds everything that crosses a connection for a fixed time each way: reads (and the end of
 * input) reach the next handler, and writes, flushes and the close reach the socket, that much
 * later. One delay for every event keeps their order (the event loop runs tasks with equal delays
 * in submission order). First in a client-facing pipeline.
 */
public final class DelayHandler extends ChannelDuplexHandler {
  private final long nanos;

  public DelayHandler(Duration oneWay) {
    this.nanos = oneWay.toNanos();
  }

  private void later(ChannelHandlerContext ctx, Runnable task) {
    ctx.executor().schedule(task, nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    later(ctx, () -> ctx.fireChannelRead(msg));
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    later(ctx, ctx::fireChannelReadComplete);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    later(ctx, ctx::fireChannelInactive);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      ctx.fireUserEventTriggered(evt); // a local timer, not something that crossed the wire
    } else {
      later(ctx, () -> ctx.fireUserEventTriggered(evt));
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    later(ctx, () -> ctx.write(msg, promise));
  }

  @Override
  public void flush(ChannelHandlerContext ctx) {
    later(ctx, ctx::flush);
  }

  @Override
  public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
    later(ctx, () -> ctx.close(promise));
  }
}
