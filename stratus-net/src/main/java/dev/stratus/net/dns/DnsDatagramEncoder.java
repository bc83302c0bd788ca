package dev.stratus.net.dns;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Writes a {@link DnsResponse} as one datagram, truncated to 512 bytes (or the EDNS0 size, at
 * most 4,096) with TC set when it does not fit.
 */
@ChannelHandler.Sharable
public final class DnsDatagramEncoder extends MessageToMessageEncoder<DnsResponse> {

  public DnsDatagramEncoder() {
    super(DnsResponse.class);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, DnsResponse response, List<Object> out) {
    byte[] wire = DnsWire.encode(response.message(), response.maxBytes());
    out.add(new DatagramPacket(Unpooled.wrappedBuffer(wire), response.recipient()));
  }
}
