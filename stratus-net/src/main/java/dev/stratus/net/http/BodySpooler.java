package dev.stratus.net.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes the bodies a {@link StreamingHttpService} asks for ({@link BodyPlan.Spool}) to a file as
 * they arrive, instead of letting the aggregator hold them: a writer on a virtual thread drains
 * the chunks in order, and the connection stops reading while more than {@value #HIGH_WATER}
 * bytes wait for the disk (resuming under {@value #LOW_WATER}). When the body has been written
 * the request goes on as a {@link SpooledHttpRequest}. Sits after the keep-alive handler and
 * before the body budget: a spooled body holds no budget, as it is not in memory.
 *
 * <p>A spooled body may take longer than the listener's body timeout allows a buffered one: each
 * byte received moves the body deadline on by the time it takes at {@value #MIN_BYTES_PER_SECOND}
 * bytes a second, so a client sending at least that fast is never cut off while a trickle is.
 */
final class BodySpooler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = Logger.getLogger(BodySpooler.class.getName());
  static final int HIGH_WATER = 512 * 1024;
  static final int LOW_WATER = 128 * 1024;
  /** The slowest upload a spooled body's deadline allows for: 64 KiB/s. */
  static final long MIN_BYTES_PER_SECOND = 64 * 1024;

  private enum State { PASS, SPOOL, FINISHING, DISCARD }

  private final Function<HttpRequest, Optional<HttpService>> lookup;
  private final ConnectionGovernor governor;
  private final ErrorPages pages;
  private State state = State.PASS;
  private HttpRequest head;
  private StreamingHttpService service;
  private Writer writer;
  private long maxBytes;
  private long received;
  /** Messages read while a finished body is still being written: replayed after it, in order. */
  private final ArrayDeque<Object> later = new ArrayDeque<>();

  BodySpooler(Function<HttpRequest, Optional<HttpService>> lookup, ConnectionGovernor governor, ErrorPages pages) {
    this.lookup = lookup;
    this.governor = governor;
    this.pages = pages;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    switch (state) {
      case DISCARD -> ReferenceCountUtil.release(msg);
      case FINISHING -> later.addLast(msg);
      case SPOOL -> spool(ctx, msg);
      case PASS -> {
        if (msg instanceof HttpRequest request && !(msg instanceof FullHttpRequest) && hasBody(request)) {
          start(ctx, request);
        } else {
          ctx.fireChannelRead(msg);
        }
      }
    }
  }

  private static boolean hasBody(HttpRequest request) {
    if (request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD)) return false;
    return HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
  }

  private void start(ChannelHandlerContext ctx, HttpRequest request) {
    Optional<HttpService> found;
    BodyPlan plan;
    try {
      found = lookup.apply(request);
      plan = found.orElse(null) instanceof StreamingHttpService s ? s.plan(request) : BodyPlan.AGGREGATE;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "body plan failed; aggregating", e);
      found = Optional.empty();
      plan = BodyPlan.AGGREGATE;
    }
    switch (plan) {
      case BodyPlan.Aggregate a -> ctx.fireChannelRead(request);
      case BodyPlan.Refuse r -> refuse(ctx, r.response());
      case BodyPlan.Spool s -> {
        long declared = HttpUtil.getContentLength(request, -1L);
        if (declared > s.maxBytes()) {
          refuse(ctx, pages.page(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE));
          return;
        }
        Path file;
        FileChannel channel;
        try {
          Files.createDirectories(s.directory());
          file = Files.createTempFile(s.directory(), "upload-", ".part");
          channel = FileChannel.open(file, StandardOpenOption.WRITE);
        } catch (IOException e) {
          LOG.log(Level.WARNING, "cannot spool a request body to " + s.directory(), e);
          refuse(ctx, pages.page(HttpResponseStatus.INTERNAL_SERVER_ERROR));
          return;
        }
        head = request;
        service = (StreamingHttpService) found.orElseThrow();
        maxBytes = s.maxBytes();
        received = 0;
        writer = new Writer(file, channel, () -> ctx.executor().execute(() -> {
          if (state == State.SPOOL) ctx.channel().config().setAutoRead(true);
        }));
        state = State.SPOOL;
        if (HttpUtil.is100ContinueExpected(request)) {
          HttpUtil.set100ContinueExpected(request, false);
          ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
      }
    }
  }

  private void spool(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof HttpContent content)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    ByteBuf bytes = content.content();
    int n = bytes.readableBytes();
    received += n;
    if (received > maxBytes) {
      content.release();
      abort();
      refuse(ctx, pages.page(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE));
      return;
    }
    if (n > 0) {
      governor.extendBody(n * 1_000_000_000L / MIN_BYTES_PER_SECOND);
      if (writer.append(bytes.retain()) > HIGH_WATER) {
        // the disk lags: stop reading until the writer is under the low mark (it resumes us)
        ctx.channel().config().setAutoRead(false);
        writer.paused.set(true);
        if (writer.pending.get() <= LOW_WATER && writer.paused.compareAndSet(true, false)) {
          ctx.channel().config().setAutoRead(true);
        }
      }
    }
    boolean last = msg instanceof LastHttpContent;
    content.release();
    if (!last) return;
    state = State.FINISHING;
    ctx.channel().config().setAutoRead(false); // the next request waits until this one is handed on
    Writer w = writer;
    writer = null;
    w.finish().whenComplete((length, failure) -> ctx.executor().execute(() -> finished(ctx, w, length, failure)));
  }

  private void finished(ChannelHandlerContext ctx, Writer w, Long length, Throwable failure) {
    if (!ctx.channel().isActive()) {
      new SpooledBody(w.file, 0).close();
      releaseLater();
      return;
    }
    if (failure != null) {
      LOG.log(Level.WARNING, "cannot spool a request body to " + w.file, failure);
      new SpooledBody(w.file, 0).close();
      releaseLater();
      refuse(ctx, pages.page(HttpResponseStatus.INTERNAL_SERVER_ERROR));
      return;
    }
    HttpRequest request = head;
    StreamingHttpService s = service;
    head = null;
    service = null;
    state = State.PASS;
    ctx.fireChannelRead(new SpooledHttpRequest(request, new SpooledBody(w.file, length), s));
    while (!later.isEmpty() && state == State.PASS) channelRead(ctx, later.pollFirst());
    if (state == State.PASS) ctx.channel().config().setAutoRead(true);
  }

  /** Answers {@code response} and closes: the rest of the body is unread, so the connection cannot go on. */
  private void refuse(ChannelHandlerContext ctx, FullHttpResponse response) {
    state = State.DISCARD;
    ctx.channel().config().setAutoRead(false);
    response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  private void abort() {
    if (writer != null) {
      writer.abort();
      writer = null;
    }
  }

  private void releaseLater() {
    Object m;
    while ((m = later.pollFirst()) != null) ReferenceCountUtil.release(m);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    abort();
    releaseLater();
    state = State.DISCARD;
    super.channelInactive(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    abort();
    releaseLater();
  }

  /** One body's file and the virtual thread that writes its chunks in order. */
  private static final class Writer {
    private static final ByteBuf END = io.netty.buffer.Unpooled.EMPTY_BUFFER.asReadOnly();
    private static final ByteBuf ABORT = io.netty.buffer.Unpooled.EMPTY_BUFFER.asReadOnly();

    final Path file;
    private final LinkedBlockingQueue<ByteBuf> queue = new LinkedBlockingQueue<>();
    final AtomicLong pending = new AtomicLong();
    final java.util.concurrent.atomic.AtomicBoolean paused = new java.util.concurrent.atomic.AtomicBoolean();
    private final CompletableFuture<Long> done = new CompletableFuture<>();

    Writer(Path file, FileChannel channel, Runnable drained) {
      this.file = file;
      Thread.ofVirtual().name("spool " + file.getFileName()).start(() -> run(channel, drained));
    }

    /** Queues {@code bytes} (the writer releases them); returns the bytes now waiting. */
    long append(ByteBuf bytes) {
      long now = pending.addAndGet(bytes.readableBytes());
      queue.add(bytes);
      return now;
    }

    CompletableFuture<Long> finish() {
      queue.add(END);
      return done;
    }

    void abort() {
      queue.add(ABORT);
    }

    private void run(FileChannel channel, Runnable drained) {
      long written = 0;
      boolean aborted = false;
      try (channel) {
        while (true) {
          ByteBuf b = queue.take();
          if (b == END) break;
          if (b == ABORT) {
            aborted = true;
            break;
          }
          try {
            int n = b.readableBytes();
            for (java.nio.ByteBuffer nio : b.nioBuffers()) {
              while (nio.hasRemaining()) channel.write(nio);
            }
            written += n;
            if (pending.addAndGet(-n) <= LOW_WATER && paused.compareAndSet(true, false)) drained.run();
          } finally {
            b.release();
          }
        }
      } catch (IOException | InterruptedException | RuntimeException e) {
        aborted = true;
        done.completeExceptionally(e);
      } finally {
        ByteBuf rest;
        while ((rest = queue.poll()) != null) if (rest != END && rest != ABORT) rest.release();
      }
      if (aborted) {
        new SpooledBody(file, 0).close();
        done.completeExceptionally(new IOException("upload aborted"));
      } else {
        done.complete(written);
      }
    }
  }
}
