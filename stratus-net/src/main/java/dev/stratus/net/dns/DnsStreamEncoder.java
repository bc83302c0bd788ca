package dev.stratus.net.dns;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes a {@link DnsResponse} on a TCP connection: 2-byte length, then the message (RFC 1035 §4.2.2). */
@ChannelHandler.Sharable
public final class DnsStreamEncoder extends MessageToByteEncoder<DnsResponse> {

  public DnsStreamEncoder() {
    super(DnsResponse.class);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, DnsResponse response, ByteBuf out) {
    byte[] wire = DnsWire.encode(response.message(), Math.min(response.maxBytes(), DnsWire.MAX_TCP_BYTES));
    out.writeShort(wire.length);
    out.writeBytes(wire);
  }
}
