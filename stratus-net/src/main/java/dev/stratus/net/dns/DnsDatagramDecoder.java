package dev.stratus.net.dns;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * UDP side of the DNS server: one datagram → one {@link DnsRequest} (or nothing, for a packet
 * without a readable header). Stateless, so one instance serves every channel.
 */
@ChannelHandler.Sharable
public final class DnsDatagramDecoder extends MessageToMessageDecoder<DatagramPacket> {

  public DnsDatagramDecoder() {
    super(DatagramPacket.class);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
    byte[] bytes = ByteBufUtil.getBytes(packet.content());
    DnsWire.decode(bytes, packet.sender(), true).ifPresent(out::add);
  }
}
