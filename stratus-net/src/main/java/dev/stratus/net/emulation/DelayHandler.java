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
 *
 * <p>With {@link EmulatedJitter} on, each event also waits an exponential extra delay of the
 * internet's mean; events then queue per direction and leave in order, each at its own time or
 * just after the one before it, whichever is later — a TCP stream is never reordered, as a real
 * one is not above the kernel.
 *
 * <p>A new connection's first bytes may also wait at the start ({@link EmulatedDelay#firstBytesWait}:
 * Global Accelerator's edge connecting to the endpoint): inbound events then queue as with jitter.
 */
public final class DelayHandler extends ChannelDuplexHandler {
  /**
   * The most a connection holds on its way in, as a TCP receive window (Linux autotunes to a few
   * MiB): past it, the socket is read again only when the next handler asks, as before.
   */
  static final int RECEIVE_WINDOW_BYTES = 1 << 20;

  private final long nanos;
  private final long jitterMeanNanos;
  private final Direction inbound = new Direction();
  private final Direction outbound = new Direction();
  private boolean closing; // a close waits for the socket (event loop only)
  /** Inbound events count as arriving no earlier than this (System.nanoTime) while {@link #gated}. */
  private final long gateUntil;
  private boolean gated; // inbound events go through the queue, in order behind the gate (event loop only)
  private long heldInbound; // bytes read and not yet passed on (event loop only)

  public DelayHandler(Duration oneWay) {
    this(oneWay, Duration.ZERO);
  }

  /**
   * Made when the connection is accepted: what the client sends within {@code firstBytesWait} of
   * now counts as sent at its end ({@link EmulatedDelay#firstBytesWait}), then waits {@code oneWay}.
   */
  public DelayHandler(Duration oneWay, Duration firstBytesWait) {
    this(oneWay, firstBytesWait, EmulatedJitter.meanNanos());
  }

  DelayHandler(Duration oneWay, long jitterMeanNanos) {
    this(oneWay, Duration.ZERO, jitterMeanNanos);
  }

  DelayHandler(Duration oneWay, Duration firstBytesWait, long jitterMeanNanos) {
    // Set early by how late the event loops' timers have been firing, the same for every event of
    // the connection so that they keep their order.
    this.nanos = TimerLateness.EVENT_LOOPS.aim(oneWay.toNanos());
    this.jitterMeanNanos = jitterMeanNanos;
    this.gated = firstBytesWait.isPositive();
    this.gateUntil = System.nanoTime() + firstBytesWait.toNanos();
  }

  /** Events one way, waiting for their times in arrival order (event loop only). */
  private final class Direction {
    private final java.util.ArrayDeque<long[]> times = new java.util.ArrayDeque<>();
    private final java.util.ArrayDeque<Runnable> tasks = new java.util.ArrayDeque<>();
    private long last;
    private boolean scheduled;

    void add(ChannelHandlerContext ctx, Runnable task) {
      add(ctx, task, System.nanoTime());
    }

    /** {@code task} as if it came at {@code came} (System.nanoTime). */
    void add(ChannelHandlerContext ctx, Runnable task, long came) {
      long extra = 0;
      if (jitterMeanNanos > 0) {
        double u = java.util.concurrent.ThreadLocalRandom.current().nextDouble();
        extra = Math.round(-jitterMeanNanos * Math.log(1 - u));
      }
      long due = Math.max(last, came + nanos + extra);
      last = due;
      times.add(new long[] {due});
      tasks.add(task);
      if (!scheduled) schedule(ctx);
    }

    private void schedule(ChannelHandlerContext ctx) {
      scheduled = true;
      ctx.executor().schedule(() -> drain(ctx), Math.max(0, times.peek()[0] - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void drain(ChannelHandlerContext ctx) {
      scheduled = false;
      long now = System.nanoTime();
      long firstDue = times.peek()[0];
      while (!times.isEmpty() && times.peek()[0] <= now) {
        times.poll();
        tasks.poll().run();
      }
      if (firstDue <= now) TimerLateness.EVENT_LOOPS.fired(firstDue);
      if (!times.isEmpty()) schedule(ctx);
    }
  }

  /**
   * Runs {@code task} once what was written to {@code channel} before it has left: at once, or
   * behind the delayed writes when the channel is held for an emulated distance. For what does
   * not go through the pipeline (a half close: {@code shutdownOutput}).
   *
   * <p>The delayed writes were done for their writers at once, so their promises say nothing of
   * the socket. Once they are due, an empty write sent after them from here (toward the socket)
   * completes only when they have really gone, and the task waits for it. Running the task in the
   * same loop turn as the writes instead lost them on io_uring: a flushed write waits in the ring
   * for the loop's next submission, while {@code shutdownOutput} is a system call at once, so the
   * FIN went first and the client read an empty answer (a late timer on a loaded machine puts
   * both in one turn). On any transport a full socket buffer would have lost the rest likewise.
   */
  public static void afterWrites(io.netty.channel.Channel channel, Runnable task) {
    ChannelHandlerContext ctx = channel.pipeline().context(DelayHandler.class);
    if (ctx == null) {
      task.run();
    } else {
      ((DelayHandler) ctx.handler()).later(ctx,
          () -> ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(written -> task.run()));
    }
  }

  /** Outbound: toward the socket. */
  private void later(ChannelHandlerContext ctx, Runnable task) {
    if (jitterMeanNanos == 0) {
      inOneWay(ctx, task);
    } else if (ctx.executor().inEventLoop()) {
      outbound.add(ctx, task);
    } else {
      ctx.executor().execute(() -> outbound.add(ctx, task));
    }
  }

  /** Runs {@code task} the one-way delay from now, noting how late its timer was. */
  private void inOneWay(ChannelHandlerContext ctx, Runnable task) {
    TimerLateness.EVENT_LOOPS.schedule(ctx.executor(), nanos, task);
  }

  /** Inbound: toward the next handler. */
  private void arriving(ChannelHandlerContext ctx, Runnable task) {
    long now = System.nanoTime();
    if (gated && inbound.times.isEmpty() && now - gateUntil >= 0) gated = false; // the gated ones all gone
    if (gated) {
      // In the queue, not scheduled one by one: events held to the same time keep their order.
      inbound.add(ctx, task, now - gateUntil < 0 ? gateUntil : now);
    } else if (jitterMeanNanos == 0) {
      inOneWay(ctx, task);
    } else {
      inbound.add(ctx, task); // inbound events come on the event loop
    }
  }

  /**
   * Held for the one-way delay. Meanwhile the network goes on carrying what the client sends next,
   * so a channel that does not read by itself is read on, up to {@link #RECEIVE_WINDOW_BYTES}:
   * its reader (a proxy) asks for more only once the held read has reached it, and waiting for
   * that put every write sent close behind another (TLS's Finished then the request) a whole
   * one-way delay later ({@code TcpProxyBackToBackWritesIT}).
   */
  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    int size = ctx.channel().config().getMessageSizeEstimator().newHandle().size(msg);
    heldInbound += size;
    arriving(ctx, () -> {
      heldInbound -= size;
      ctx.fireChannelRead(msg);
    });
    if (!ctx.channel().config().isAutoRead() && heldInbound < RECEIVE_WINDOW_BYTES) ctx.read();
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    arriving(ctx, ctx::fireChannelReadComplete);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    arriving(ctx, ctx::fireChannelInactive);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      ctx.fireUserEventTriggered(evt); // a local timer, not something that crossed the wire
    } else {
      arriving(ctx, () -> ctx.fireUserEventTriggered(evt));
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

  /**
   * The close, when due, waits for what the socket has not taken yet: its writer saw its writes
   * done at once, where without the delay it would have waited for them (a large answer and
   * {@code Connection: close} lost all the socket buffer could not hold). A second close (an idle
   * timeout while the peer reads nothing) does not wait.
   */
  @Override
  public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
    later(ctx, () -> {
      if (closing || !ctx.channel().isActive()) {
        ctx.close(promise);
      } else {
        closing = true;
        ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(written -> ctx.close(promise));
      }
    });
  }
}
