package dev.stratus.net.dns;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers each {@link DnsRequest} through the {@link DnsResponder} and writes the response; the
 * last inbound handler, so it also absorbs any exception of the pipeline (logged, never
 * propagated; a TCP connection is closed, the UDP channel stays open).
 */
@ChannelHandler.Sharable
public final class DnsRequestHandler extends SimpleChannelInboundHandler<DnsRequest> {

  private static final Logger LOG = Logger.getLogger(DnsRequestHandler.class.getName());

  private final DnsResponder responder;

  public DnsRequestHandler(DnsAnswerer answerer) {
    super(DnsRequest.class);
    this.responder = new DnsResponder(answerer);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DnsRequest request) {
    ctx.writeAndFlush(responder.respond(request)).addListener(f -> {
      if (!f.isSuccess()) {
        LOG.log(Level.FINE, "DNS response not sent to " + request.sender(), f.cause());
      }
    });
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.log(Level.FINE, "DNS channel error on " + ctx.channel(), cause);
    if (!(ctx.channel() instanceof io.netty.channel.socket.DatagramChannel)) {
      ctx.close();
    }
  }
}
