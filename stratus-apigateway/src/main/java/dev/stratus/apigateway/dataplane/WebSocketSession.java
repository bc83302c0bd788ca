package dev.stratus.apigateway.dataplane;

import dev.stratus.apigateway.model.Api;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * One WebSocket connection after its 101 (apigateway.md §20–23): each message is routed by the
 * API's route selection expression (a custom route whose key equals the value, else
 * {@code $default}; neither: {@code {"message": "Forbidden", ...}} to the client) to its
 * integration; a two-way route (a route response selection expression and a route response) sends
 * what the integration answered back. The connection is closed (1001) after 10 minutes without a frame from
 * the client or 2 hours in all, both measured on the injected clock; closing runs
 * {@code $disconnect} (best effort) after the ID is gone from {@code @connections}.
 */
final class WebSocketSession extends ChannelInboundHandlerAdapter {
  /** AWS closes a connection idle for 10 minutes. */
  static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);
  /** ... and any connection after 2 hours. */
  static final Duration MAX_DURATION = Duration.ofHours(2);
  /** How often the clock is looked at for those two limits. */
  private static final long CHECK_MILLIS = 500;

  private final RestShared shared;
  private final WebSocketConnections connections;
  private final WebSocketIntegrations integrations;
  private final WebSocketConnections.Connection connection;
  private final Function<String, ApiSnapshot.HttpStageView> served;
  private ScheduledFuture<?> check;
  /** What $disconnect reports: the client's close status, ours, or 1006 when the socket just went away. */
  private int closeStatus = 1006;
  private String closeReason = "";
  private boolean closeSent;

  WebSocketSession(RestShared shared, WebSocketConnections connections, WebSocketIntegrations integrations,
      WebSocketConnections.Connection connection, Function<String, ApiSnapshot.HttpStageView> served) {
    this.shared = shared;
    this.connections = connections;
    this.integrations = integrations;
    this.connection = connection;
    this.served = served;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    check = ctx.executor().scheduleAtFixedRate(() -> limits(ctx), CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void limits(ChannelHandlerContext ctx) {
    Instant now = shared.clock.instant();
    if (!now.isBefore(connection.connectedAt.plus(MAX_DURATION)) || !now.isBefore(connection.lastActiveAt.plus(IDLE_TIMEOUT))) {
      closeBy(ctx, 1001, "Going away");
    }
  }

  private void closeBy(ChannelHandlerContext ctx, int status, String reason) {
    if (closeStatus == 1006) {
      closeStatus = status;
      closeReason = reason;
    }
    if (check != null) check.cancel(false);
    if (closeSent) {
      ctx.close();
      return;
    }
    closeSent = true;
    ctx.writeAndFlush(new CloseWebSocketFrame(status, reason)).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    connection.lastActiveAt = shared.clock.instant();
    switch (msg) {
      case TextWebSocketFrame t -> {
        byte[] body = ByteBufUtil.getBytes(t.content());
        t.release();
        message(ctx, body, false);
      }
      case BinaryWebSocketFrame b -> {
        byte[] body = ByteBufUtil.getBytes(b.content());
        b.release();
        message(ctx, body, true);
      }
      case PingWebSocketFrame p -> ctx.writeAndFlush(new PongWebSocketFrame(p.content()));
      case CloseWebSocketFrame c -> {
        int status = c.statusCode() < 0 ? 1005 : c.statusCode();
        String reason = c.reasonText();
        c.release();
        closeBy(ctx, status, reason == null ? "" : reason);
      }
      default -> ReferenceCountUtil.release(msg);
    }
  }

  private void message(ChannelHandlerContext ctx, byte[] body, boolean binary) {
    ApiSnapshot.HttpStageView stage = served.apply(connection.stage);
    if (stage == null) {
      closeBy(ctx, 1001, "Going away");
      return;
    }
    Api api = stage.served();
    String key = binary ? null : select(api.routeSelectionExpression(), body);
    Api.Route route = key == null || key.equals("$connect") || key.equals("$disconnect") ? null : WebSocketRouter.route(api, key);
    if (route == null) route = WebSocketRouter.route(api, "$default");
    if (route == null) {
      error(ctx, "Forbidden");
      return;
    }
    Api.Route chosen = route;
    if (!admitted(api, stage, route)) {
      error(ctx, "Too Many Requests");
      return;
    }
    integrations.run(api, route, WebSocketRouter.event(api, stage, connection, "MESSAGE", route.routeKey(), null, body, binary, 0, null),
        ctx.channel().eventLoop()).thenAccept(a -> {
          if (a.failed()) error(ctx, "Internal server error");
          else if (chosen.twoWay() && a.body().length > 0) {
            connection.send(Unpooled.wrappedBuffer(a.body()));
          }
        });
  }

  /** A message counts against the route's (else the stage's default) throttle and the account's, as HTTP API requests. */
  private boolean admitted(Api api, ApiSnapshot.HttpStageView stage, Api.Route route) {
    Instant now = shared.clock.instant();
    var t = stage.stage().routeSettings().get(route.routeKey());
    if (t == null) t = stage.stage().defaultRouteThrottle();
    if (t != null && !shared.meters.take("ws:" + api.apiId() + "/" + stage.stage().stageName() + "/" + route.routeKey(),
        t.rateLimit(), t.burstLimit(), now)) {
      return false;
    }
    return shared.meters.takeAccount(api.accountId(), api.region(), now);
  }

  /** What API Gateway sends a client whose message it could not route, admit or integrate. */
  private void error(ChannelHandlerContext ctx, String message) {
    var body = Vtl.JSON.createObjectNode();
    body.put("message", message);
    body.put("connectionId", connection.id);
    body.put("requestId", UUID.randomUUID().toString());
    ctx.channel().writeAndFlush(new TextWebSocketFrame(body.toString()));
  }

  /**
   * The route key a message selects: {@code $request.body.<path>} (or {@code ${request.body.<path>}})
   * evaluated on the JSON message; null for a message that is not JSON or lacks the member. Any
   * other expression is a constant key.
   */
  static String select(String expression, byte[] body) {
    if (expression == null) return null;
    String e = expression.trim();
    if (e.startsWith("${") && e.endsWith("}")) e = "$" + e.substring(2, e.length() - 1);
    if (!e.startsWith("$request.body.")) return e.replace("\\$", "$");
    JsonNode v = WebSocketRouter.bodyPath(body, e.substring("$request.body.".length()));
    if (v == null || (v.isObject() || v.isArray())) return null;
    return v.isString() ? v.asString() : v.toString();
  }

  /**
   * A frame over 32 KB, a message over 128 KB, a malformed frame: a close frame with the status
   * (1009 for sizes), then the socket closes once the client answered or a second passed, so the
   * rest of the client's frame is read and dropped rather than reset.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    int status = cause instanceof TooLongFrameException ? 1009
        : cause instanceof CorruptedWebSocketFrameException c ? c.closeStatus().code() : 1011;
    if (closeStatus != 1006 || !ctx.channel().isActive()) return;
    closeStatus = status;
    closeReason = status == 1009 ? "Message too big" : "";
    if (check != null) check.cancel(false);
    closeSent = true;
    ctx.writeAndFlush(new CloseWebSocketFrame(status, closeReason));
    ctx.executor().schedule(() -> { ctx.close(); }, 1, TimeUnit.SECONDS);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (check != null) check.cancel(false);
    connections.remove(connection);
    ApiSnapshot.HttpStageView stage = served.apply(connection.stage);
    Api.Route route = stage == null ? null : WebSocketRouter.route(stage.served(), "$disconnect");
    if (route != null) {
      integrations.run(stage.served(), route, WebSocketRouter.event(stage.served(), stage, connection, "DISCONNECT", "$disconnect",
          null, null, false, closeStatus, closeReason), ctx.channel().eventLoop());
    }
    ctx.fireChannelInactive();
  }
}
