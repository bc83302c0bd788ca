package dev.stratus.net.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * HTTP/2 to clients over TLS (ALPN {@code h2}), as ALB speaks it: each stream becomes one
 * {@code FullHttpRequest} for the same {@link ServiceHandler} HTTP/1.1 connections use, and its
 * response goes back as HTTP/2 frames; what the service sends on (the reverse proxy to targets)
 * stays HTTP/1.1. h2 framing carries no Content-Length/Transfer-Encoding ambiguity, so the
 * HTTP/1.1 desync guards do not apply; the listener's header limit becomes
 * SETTINGS_MAX_HEADER_LIST_SIZE, its body limit and in-flight body budget apply per stream, its
 * idle timeout is a connection with no frames either way.
 */
final class Http2Front {
  private static final Logger LOG = Logger.getLogger(Http2Front.class.getName());

  private Http2Front() {}

  /** Chooses the HTTP handlers once the TLS handshake has settled ALPN (HTTP/1.1 when the client offered none). */
  static ChannelInboundHandlerAdapter negotiation(HttpGuard guard, ConnectionGovernor governor, HttpFrontEnd.Config config) {
    return new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
      @Override
      protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        ChannelPipeline pipeline = ctx.pipeline();
        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
          install(pipeline, guard.limits(), config);
        } else {
          guard.installHttp1(pipeline, governor, config.service() instanceof StreamingHttpService
              ? head -> java.util.Optional.of(config.service()) : null);
          pipeline.addLast("service", new ServiceHandler(config));
        }
      }

      @Override
      protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
        // Clients that fail TLS (plain HTTP to an HTTPS port, an untrusted CA) are theirs to see, not a server warning.
        LOG.log(Level.FINE, "TLS handshake failed", cause);
        ctx.close();
      }
    };
  }

  private static void install(ChannelPipeline pipeline, HttpLimits limits, HttpFrontEnd.Config config) {
    // The governor times HTTP/1.1 request phases; an h2 connection multiplexes, so only idleness counts.
    if (pipeline.get("governor") != null) pipeline.remove("governor");
    long idleNanos = limits.idleTimeout().toNanos();
    pipeline.addLast("idle", new IdleStateHandler(0, 0, idleNanos, TimeUnit.NANOSECONDS));
    pipeline.addLast("idleClose", new ChannelDuplexHandler() {
      @Override
      public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) ctx.close();
        else super.userEventTriggered(ctx, evt);
      }
    });
    Http2Settings settings = Http2Settings.defaultSettings().maxHeaderListSize(limits.maxHeaderBytes())
        .maxConcurrentStreams(128);
    pipeline.addLast("h2", Http2FrameCodecBuilder.forServer().initialSettings(settings).build());
    pipeline.addLast("h2streams", new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
      @Override
      protected void initChannel(Http2StreamChannel stream) {
        stream.pipeline()
            .addLast("h2http", new Http2StreamFrameToHttpObjectCodec(true))
            .addLast("h2clean", STRIP_EXTENSION_HEADERS)
            .addLast("budget", new BodyBudgetHandler(limits.bodyBudget(), limits.maxBodyBytes(), config.pages()))
            .addLast("aggregate", new WholeMessageAggregator(limits.maxBodyBytes(), true))
            .addLast("service", new ServiceHandler(config));
      }
    }));
  }

  /** Netty's HTTP/2→HTTP/1 conversion adds x-http2-* headers of its own; targets must not see them. */
  private static final ChannelInboundHandlerAdapter STRIP_EXTENSION_HEADERS = new Sharable();

  @io.netty.channel.ChannelHandler.Sharable
  private static final class Sharable extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest request) {
        request.headers().names().stream().filter(n -> n.regionMatches(true, 0, "x-http2-", 0, 8)).toList()
            .forEach(request.headers()::remove);
      }
      ctx.fireChannelRead(msg);
    }
  }
}
