package dev.stratus.apigateway.dataplane;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open WebSocket connections of every WebSocket API of one Stratus, by connection ID (what
 * {@code @connections} addresses). A connection is listed from the moment its 101 is written until
 * its socket closes; after that the ID answers 410 {@code GoneException}.
 */
final class WebSocketConnections {
  /** AWS's largest message, 128 KB (apigateway.md §23): also the most PostToConnection sends. */
  static final int MAX_MESSAGE_BYTES = 128 * 1024;
  /** AWS's largest frame, 32 KB (apigateway.md §23). */
  static final int MAX_FRAME_BYTES = 32 * 1024;

  private static final SecureRandom RANDOM = new SecureRandom();
  private final Map<String, Connection> open = new ConcurrentHashMap<>();

  /**
   * One client connection. {@code lastActiveAt} moves with every frame the client sends.
   *
   * @param domainName what the client connected to (the event's {@code requestContext.domainName})
   */
  static final class Connection {
    final String id;
    final String apiId;
    final String stage;
    final Instant connectedAt;
    final String sourceIp;
    final String userAgent;
    final String domainName;
    final Channel channel;
    volatile Instant lastActiveAt;
    /** The $connect authorizer's principalId and context, and the API key used, for every later event. */
    volatile Map<String, Object> authorizer;
    volatile dev.stratus.apigateway.model.ApiKey apiKey;

    Connection(String id, String apiId, String stage, Instant connectedAt, String sourceIp, String userAgent, String domainName,
        Channel channel) {
      this.id = id;
      this.apiId = apiId;
      this.stage = stage;
      this.connectedAt = connectedAt;
      this.lastActiveAt = connectedAt;
      this.sourceIp = sourceIp;
      this.userAgent = userAgent;
      this.domainName = domainName;
      this.channel = channel;
    }

    /** Sends a message: a text frame when it is UTF-8, else a binary one (as API Gateway). */
    ChannelFuture send(ByteBuf data) {
      return channel.writeAndFlush(isUtf8(data) ? new TextWebSocketFrame(data) : new BinaryWebSocketFrame(data));
    }

    /** Closes with a close frame first (status and reason as RFC 6455 §7.4). */
    void close(int status, String reason) {
      if (!channel.isActive()) return;
      channel.writeAndFlush(new CloseWebSocketFrame(status, reason)).addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** A new connection ID: 11 random bytes in URL-safe base64, 16 characters as AWS's (e.g. {@code GnUhUc2-IAMCJzw=}). */
  static String newId() {
    byte[] b = new byte[11];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().encodeToString(b);
  }

  void add(Connection c) { open.put(c.id, c); }

  void remove(Connection c) { open.remove(c.id, c); }

  /** The open connection with this ID on this API's stage. */
  Optional<Connection> find(String apiId, String stage, String id) {
    Connection c = open.get(id);
    return c != null && c.apiId.equals(apiId) && c.stage.equals(stage) && c.channel.isActive() ? Optional.of(c) : Optional.empty();
  }

  int size() { return open.size(); }

  private static boolean isUtf8(ByteBuf data) {
    try {
      ByteBuffer nio = data.nioBuffer();
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(nio);
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
