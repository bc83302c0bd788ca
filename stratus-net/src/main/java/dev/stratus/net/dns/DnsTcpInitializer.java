package dev.stratus.net.dns;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The TCP pipeline of one connection, in request order: idle limit, 2-byte length framing,
 * frame → request, answer, response → length-prefixed bytes.
 */
final class DnsTcpInitializer extends ChannelInitializer<SocketChannel> {

  /** Close a connection idle for 10 s (RFC 7766 §6.2.3 suggests seconds, not minutes). */
  static final int IDLE_SECONDS = 10;

  private static final DnsStreamEncoder ENCODER = new DnsStreamEncoder();

  private final DnsRequestHandler handler;

  DnsTcpInitializer(DnsRequestHandler handler) {
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ch.pipeline()
        .addLast("idle", new ReadTimeoutHandler(IDLE_SECONDS, TimeUnit.SECONDS))
        .addLast("frame", new LengthFieldBasedFrameDecoder(DnsWire.MAX_TCP_BYTES, 0, 2, 0, 2))
        .addLast("dns-decoder", new DnsStreamDecoder())
        .addLast("dns-encoder", ENCODER)
        .addLast("dns-handler", handler);
  }
}
