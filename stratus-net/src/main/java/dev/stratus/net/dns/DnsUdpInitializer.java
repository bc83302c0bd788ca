package dev.stratus.net.dns;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.util.Objects;

/** The UDP pipeline, in request order: datagram → request, answer, response → datagram. */
final class DnsUdpInitializer extends ChannelInitializer<Channel> {

  private static final DnsDatagramDecoder DECODER = new DnsDatagramDecoder();
  private static final DnsDatagramEncoder ENCODER = new DnsDatagramEncoder();

  private final DnsRequestHandler handler;

  DnsUdpInitializer(DnsRequestHandler handler) {
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  @Override
  protected void initChannel(Channel ch) {
    ch.pipeline()
        .addLast("dns-decoder", DECODER)
        .addLast("dns-encoder", ENCODER)
        .addLast("dns-handler", handler);
  }
}
