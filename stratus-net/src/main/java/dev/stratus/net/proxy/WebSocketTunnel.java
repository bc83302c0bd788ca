package dev.stratus.net.proxy;

import dev.stratus.net.http.HttpExchange;
import dev.stratus.net.http.HttpFrontEnd;
import dev.stratus.net.transport.Transport;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * WebSocket pass-through (ALB forwards WebSocket upgrades to targets): the upgrade request goes
 * to the target on a connection of its own; when the target answers 101, the client connection
 * and the target connection become one byte tunnel, closed when either side closes or no byte
 * moves for the idle timeout (ALB: the load balancer's idle timeout). Any other answer is
 * returned as an ordinary response.
 */
final class WebSocketTunnel {
  private WebSocketTunnel() {}

  static CompletionStage<ProxyOutcome> open(Transport transport, ReverseProxy.Settings settings, HttpExchange exchange,
      InetSocketAddress target, XffMode xff, Duration idle) {
    FullHttpRequest copy = exchange.request().retainedDuplicate();
    ForwardedHeaders.apply(copy.headers(), exchange.remote(), exchange.tls(), exchange.local().getPort(), xff);
    CompletableFuture<ProxyOutcome> outcome = new CompletableFuture<>();
    Channel client = exchange.channel();
    transport.client(client.eventLoop())
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
        .option(ChannelOption.AUTO_READ, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline()
                .addLast("codec", new HttpClientCodec())
                .addLast("intercept101", new Intercept101())
                .addLast("aggregate", new HttpObjectAggregator(64 * 1024))
                .addLast("handshake", new Handshake(client, outcome, idle));
          }
        })
        .connect(target).addListener((ChannelFutureListener) f -> {
          if (!f.isSuccess()) {
            copy.release();
            outcome.complete(new ProxyOutcome.ConnectFailed(String.valueOf(f.cause())));
            return;
          }
          f.channel().eventLoop().schedule(() -> {
            if (!outcome.isDone()) {
              outcome.complete(new ProxyOutcome.TimedOut());
              f.channel().close();
            }
          }, settings.responseTimeout().toNanos(), TimeUnit.NANOSECONDS);
          f.channel().writeAndFlush(copy);
        });
    return outcome;
  }

  /**
   * The codec switches to raw bytes right after a 101's head, with no content ending the message,
   * so the aggregator would wait forever: a 101 head is made a complete response here.
   */
  private static final class Intercept101 extends ChannelInboundHandlerAdapter {
    private boolean switched;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpResponse r && !(msg instanceof FullHttpResponse)
          && r.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
        switched = true;
        ctx.fireChannelRead(new DefaultFullHttpResponse(r.protocolVersion(), r.status(), Unpooled.EMPTY_BUFFER,
            r.headers(), EmptyHttpHeaders.INSTANCE));
      } else if (switched && msg instanceof HttpContent content) {
        content.release();
      } else {
        ctx.fireChannelRead(msg);
      }
    }
  }

  /** Waits for the target's answer to the upgrade request. */
  private static final class Handshake extends ChannelInboundHandlerAdapter {
    private final Channel client;
    private final CompletableFuture<ProxyOutcome> outcome;
    private final Duration idle;

    Handshake(Channel client, CompletableFuture<ProxyOutcome> outcome, Duration idle) {
      this.client = client;
      this.outcome = outcome;
      this.idle = idle;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!(msg instanceof FullHttpResponse response) || outcome.isDone()) {
        ReferenceCountUtil.release(msg);
        ctx.close();
        return;
      }
      Channel toTarget = ctx.channel();
      if (response.status().code() != HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
        outcome.complete(new ProxyOutcome.Response(response));
        ctx.close();
        return;
      }
      toTarget.config().setAutoRead(false); // nothing more until the client side is switched too
      client.attr(HttpFrontEnd.UPGRADE).set(c -> {
        var pipeline = toTarget.pipeline();
        pipeline.addLast("relay", new Relay(client));
        pipeline.remove("handshake");
        pipeline.remove("aggregate");
        pipeline.remove("intercept101");
        pipeline.remove("codec"); // bytes it still holds go on to the relay
        toTarget.config().setAutoRead(true);
        client.pipeline().addLast("wsIdle", new IdleStateHandler(0, 0, idle.toNanos(), TimeUnit.NANOSECONDS));
        return new Relay(toTarget);
      });
      if (!outcome.complete(new ProxyOutcome.Response(response))) response.release();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      outcome.complete(new ProxyOutcome.Reset("target closed before answering the upgrade"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      outcome.complete(new ProxyOutcome.MalformedResponse(cause.toString()));
      ctx.close();
    }
  }

  /** Copies bytes to the other side; either side closing closes both. */
  private static final class Relay extends ChannelInboundHandlerAdapter {
    private final Channel other;

    Relay(Channel other) {
      this.other = other;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (other.isActive()) other.writeAndFlush(msg);
      else ReferenceCountUtil.release(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof IdleStateEvent) {
        ctx.close();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (other.isActive()) other.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
