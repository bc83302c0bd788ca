package dev.stratus.net.dns;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * TCP side of the DNS server: one length-delimited frame (the 2-byte prefix already stripped by
 * the frame decoder before it) → one {@link DnsRequest}. One instance per connection.
 */
public final class DnsStreamDecoder extends MessageToMessageDecoder<ByteBuf> {

  public DnsStreamDecoder() {
    super(ByteBuf.class);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
    byte[] bytes = ByteBufUtil.getBytes(frame);
    DnsWire.decode(bytes, (InetSocketAddress) ctx.channel().remoteAddress(), false).ifPresent(out::add);
  }
}
