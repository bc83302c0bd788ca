package dev.stratus.net.dns;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.util.Objects;

/**
 * The UDP pipeline, in request order: the answer cache (plain queries asked before), else datagram →
 * request, answer, response → datagram.
 */
final class DnsUdpInitializer extends ChannelInitializer<Channel> {

  private static final DnsDatagramDecoder DECODER = new DnsDatagramDecoder();
  private static final DnsDatagramEncoder ENCODER = new DnsDatagramEncoder();

  private final DnsRequestHandler handler;
  private final DnsAnswerer answerer;

  DnsUdpInitializer(DnsRequestHandler handler, DnsAnswerer answerer) {
    this.handler = Objects.requireNonNull(handler, "handler");
    this.answerer = Objects.requireNonNull(answerer, "answerer");
  }

  @Override
  protected void initChannel(Channel ch) {
    ch.pipeline()
        .addLast("dns-cache", new DnsUdpAnswerCache(answerer))
        .addLast("dns-decoder", DECODER)
        .addLast("dns-encoder", ENCODER)
        .addLast("dns-handler", handler);
  }
}
