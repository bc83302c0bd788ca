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
 * in submission order). A write is done for its writer at once, as a real send is once the bytes
 * are in flight: otherwise a close that waits for the write would leave a whole delay later than
 * the data, not with it. First in a client-facing pipeline.
 */
public final class DelayHandler extends ChannelDuplexHandler {
  private final long nanos;

  public DelayHandler(Duration oneWay) {
    this.nanos = oneWay.toNanos();
  }

  /**
   * Runs {@code task} once what was written to {@code channel} before it has left: at once, or
   * behind the delayed writes when the channel is held for an emulated distance. For what does
   * not go through the pipeline (a half close: {@code shutdownOutput}).
   */
  public static void afterWrites(io.netty.channel.Channel channel, Runnable task) {
    ChannelHandlerContext ctx = channel.pipeline().context(DelayHandler.class);
    if (ctx == null) {
      task.run();
    } else {
      ((DelayHandler) ctx.handler()).later(ctx, task);
    }
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
    later(ctx, () -> ctx.write(msg, ctx.voidPromise()));
    // Done once the caller's flush is queued too (writeAndFlush: write, then flush), so that what
    // the writer does next (a close) queues behind both.
    ctx.executor().execute(promise::trySuccess);
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
