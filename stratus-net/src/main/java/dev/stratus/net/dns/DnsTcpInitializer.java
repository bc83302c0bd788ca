package dev.stratus.net.dns;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.util.Objects;

/**
 * The TCP pipeline of one connection, in request order: cap and deadlines
 * ({@link DnsTcpConnections}), 2-byte length framing, frame → request, answer, response →
 * length-prefixed bytes.
 */
final class DnsTcpInitializer extends ChannelInitializer<SocketChannel> {

  private static final DnsStreamEncoder ENCODER = new DnsStreamEncoder();

  private final DnsRequestHandler handler;
  private final DnsTcpConnections connections;

  DnsTcpInitializer(DnsRequestHandler handler, DnsTcpConnections connections) {
    this.handler = Objects.requireNonNull(handler, "handler");
    this.connections = Objects.requireNonNull(connections, "connections");
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ch.pipeline()
        .addLast("limits", connections.tracker())
        .addLast("frame", new LengthFieldBasedFrameDecoder(DnsWire.MAX_TCP_BYTES, 0, 2, 0, 2))
        .addLast("dns-decoder", new DnsStreamDecoder())
        .addLast("dns-encoder", ENCODER)
        .addLast("dns-handler", handler);
  }
}
