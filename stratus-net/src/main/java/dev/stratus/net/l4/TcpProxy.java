package dev.stratus.net.l4;

import dev.stratus.net.emulation.DelayHandler;
import dev.stratus.net.emulation.EmulatedDelay;
import dev.stratus.net.transport.Transport;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A TCP listener that splices each connection to a target chosen per connection (NLB TCP
 * listeners, Global Accelerator TCP). Both sides read only after the other side's write
 * succeeded (auto-read off), so a slow reader slows its writer instead of filling memory; the
 * target connection runs on the client connection's event loop. With TLS terminated here the
 * target is connected once the client's handshake succeeded: a client the handshake refuses
 * (mutual TLS) never reaches it.
 */
public final class TcpProxy implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(TcpProxy.class.getName());

  /**
   * @param name for logs, e.g. {@code NLB net-1 :443}
   * @param chooser the target per connection
   * @param proxyProtocolV2 send a PROXY v2 header to the target first
   * @param idleTimeout no byte either way for this long closes both sides (NLB TCP: 350 s)
   * @param connectTimeout a target not connected within this closes the client connection
   * @param tls TLS terminated here, the context chosen by SNI (NLB TLS listeners), or null: bytes as they come
   */
  public record Config(String name, TargetChooser chooser, boolean proxyProtocolV2, Duration idleTimeout,
      Duration connectTimeout, SourceAddress source, io.netty.util.Mapping<String, io.netty.handler.ssl.SslContext> tls,
      EmulatedDelay delay) {
    /** NLB's TCP idle timeout: 350 s (elbv2 "Connection idle timeout"). */
    public static final Duration NLB_TCP_IDLE = Duration.ofSeconds(350);

    public Config {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(chooser, "chooser");
      Objects.requireNonNull(idleTimeout, "idleTimeout");
      Objects.requireNonNull(connectTimeout, "connectTimeout");
      if (source == null) source = SourceAddress.KERNEL;
      if (delay == null) delay = EmulatedDelay.NONE;
    }

    public Config(String name, TargetChooser chooser, boolean proxyProtocolV2, Duration idleTimeout, Duration connectTimeout) {
      this(name, chooser, proxyProtocolV2, idleTimeout, connectTimeout, SourceAddress.KERNEL, null, EmulatedDelay.NONE);
    }

    public Config(String name, TargetChooser chooser, boolean proxyProtocolV2, Duration idleTimeout, Duration connectTimeout,
        SourceAddress source) {
      this(name, chooser, proxyProtocolV2, idleTimeout, connectTimeout, source, null, EmulatedDelay.NONE);
    }

    /** Terminates TLS with the context {@code bySni} picks; targets get the decrypted bytes. */
    public Config withTls(io.netty.util.Mapping<String, io.netty.handler.ssl.SslContext> bySni) {
      return new Config(name, chooser, proxyProtocolV2, idleTimeout, connectTimeout, source, bySni, delay);
    }

    /** NLB defaults: no PROXY header, 350 s idle, 10 s connect. */
    public static Config nlb(String name, TargetChooser chooser) {
      return new Config(name, chooser, false, NLB_TCP_IDLE, Duration.ofSeconds(10));
    }

    public Config withProxyProtocolV2(boolean enabled) {
      return new Config(name, chooser, enabled, idleTimeout, connectTimeout, source, tls, delay);
    }

    public Config withIdleTimeout(Duration idle) {
      return new Config(name, chooser, proxyProtocolV2, idle, connectTimeout, source, tls, delay);
    }

    /** Target connections sent from {@code from}'s choice (client IP preservation). */
    public Config withSource(SourceAddress from) {
      return new Config(name, chooser, proxyProtocolV2, idleTimeout, connectTimeout, from, tls, delay);
    }

    /** Client connections held for an emulated distance ({@code --emulate-network}). */
    public Config withDelay(EmulatedDelay emulated) {
      return new Config(name, chooser, proxyProtocolV2, idleTimeout, connectTimeout, source, tls, emulated);
    }
  }

  private final Channel channel;

  private TcpProxy(Channel channel) {
    this.channel = channel;
  }

  /** Binds {@code address} (port 0 = any free port). */
  public static TcpProxy bind(Transport transport, InetSocketAddress address, Config config) {
    Channel channel = transport.server(config.name())
        .option(ChannelOption.SO_BACKLOG, 1024)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.AUTO_READ, false)
        .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            Duration oneWay = config.delay().oneWay(ch.remoteAddress(), ch.localAddress());
            if (!oneWay.isZero()) { // the first bytes' wait counted from here, the accept
              Duration firstBytes = config.delay().firstBytesWait(ch.remoteAddress(), ch.localAddress());
              ch.pipeline().addLast("emulated-delay", new DelayHandler(oneWay, firstBytes));
            }
            ch.pipeline().addLast("idle", new IdleStateHandler(0, 0, config.idleTimeout().toNanos(), TimeUnit.NANOSECONDS));
            if (config.tls() != null) ch.pipeline().addLast("tls", new io.netty.handler.ssl.SniHandler(config.tls()));
            ch.pipeline().addLast("client", new ClientSide(transport, config));
          }
        })
        .bind(address).syncUninterruptibly().channel();
    dev.stratus.net.emulation.handshake.HandshakeHold.whileListening(channel, config.delay()); // the kernel's handshakes too
    return new TcpProxy(channel);
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) channel.localAddress();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
  }

  /**
   * Why a proxied connection ends early (FINE): no target, the target connection failed, a side
   * closed before any byte came back, an idle timeout, an error. Cheap when FINE is off.
   */
  static void why(Config config, Channel client, String reason, Throwable cause) {
    if (LOG.isLoggable(Level.FINE)) {
      LOG.log(Level.FINE, config.name() + " " + client.remoteAddress() + " -> " + client.localAddress() + ": " + reason, cause);
    }
  }

  /** Reads on, unless the peer's FIN came already (epoll refuses a read once input is shut). */
  static void readMore(Channel ch) {
    if (!(ch instanceof SocketChannel s) || !s.isInputShutdown()) ch.read();
  }

  /** Closes {@code ch} once what was written to it has gone out. */
  static void closeAfterFlush(Channel ch) {
    if (ch != null && ch.isActive()) ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }

  /**
   * {@code from} sent FIN: pass it on to {@code to} once what it sent has been written (a
   * client that shuts its output still reads the answer); when both directions are shut, close.
   */
  static void halfClose(Channel from, Channel to) {
    if (!(to instanceof SocketChannel peer) || !peer.isActive()) {
      from.close();
      return;
    }
    // The FIN leaves behind the data (and behind an emulated distance's delayed writes).
    peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> DelayHandler.afterWrites(peer,
        () -> peer.shutdownOutput().addListener(g -> {
          if (((SocketChannel) from).isOutputShutdown() || !from.isActive()) {
            from.close();
            peer.close();
          }
        })));
  }

  /** The client connection's end. */
  private static final class ClientSide extends ChannelInboundHandlerAdapter {
    private final Transport transport;
    private final Config config;
    private Channel target; // set and read on this connection's event loop only
    /** TLS: the target chosen, connected once the client's handshake succeeded (null otherwise, or once connecting). */
    private InetSocketAddress afterHandshake;
    /** Decrypted bytes read before the target connection was up, written to it first (null when none can come). */
    private java.util.ArrayDeque<Object> early;

    ClientSide(Transport transport, Config config) {
      this.transport = transport;
      this.config = config;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      Channel client = ctx.channel();
      InetSocketAddress from = (InetSocketAddress) client.remoteAddress();
      InetSocketAddress local = (InetSocketAddress) client.localAddress();
      Optional<InetSocketAddress> to = config.chooser().choose(from, local);
      if (to.isEmpty()) {
        why(config, client, "no target", null);
        client.close();
        return;
      }
      if (to.get() == TargetChooser.BLACKHOLE) { // never read, never answered: the client times out
        client.eventLoop().schedule(() -> { client.close(); }, config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        return;
      }
      if (config.tls() != null) {
        // The handshake first (a client refused there, e.g. by mutual TLS, never reaches a target).
        afterHandshake = to.get();
        early = new java.util.ArrayDeque<>();
        client.read();
        return;
      }
      connect(client, to.get());
    }

    private void connect(Channel client, InetSocketAddress to) {
      InetSocketAddress from = (InetSocketAddress) client.remoteAddress();
      InetSocketAddress local = (InetSocketAddress) client.localAddress();
      var connect = transport.client(client.eventLoop())
          .option(ChannelOption.AUTO_READ, false)
          .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
          .option(ChannelOption.TCP_NODELAY, true)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
          .handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              if (config.proxyProtocolV2()) ch.pipeline().addLast("proxy-v2", HAProxyMessageEncoder.INSTANCE);
              ch.pipeline().addLast("target", new TargetSide(client, config));
            }
          })
          .connect(to, config.source().of(from, local));
      target = connect.channel();
      connect.addListener((ChannelFutureListener) f -> {
        if (!f.isSuccess() || !client.isActive()) {
          why(config, client, f.isSuccess() ? "client closed while the target connected" : "target " + to + " not connected", f.cause());
          releaseEarly();
          client.close();
          f.channel().close();
          return;
        }
        if (config.proxyProtocolV2()) {
          target.write(ProxyProtocol.v2(from, local, true));
        }
        if (early != null) {
          for (Object msg; (msg = early.poll()) != null; ) target.write(msg);
          early = null;
        }
        target.flush();
        client.read();
        target.read();
      });
    }

    private void releaseEarly() {
      if (early == null) return;
      early.forEach(ReferenceCountUtil::release);
      early = null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (early != null) { // the target is not connected yet: it gets these first
        early.add(msg);
        return;
      }
      if (target == null || !target.isActive()) {
        ReferenceCountUtil.release(msg);
        return;
      }
      target.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
        if (f.isSuccess()) readMore(ctx.channel());
        else f.channel().close();
      });
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof io.netty.handler.ssl.SslHandshakeCompletionEvent done) {
        InetSocketAddress to = afterHandshake;
        afterHandshake = null;
        if (to == null) return;
        if (done.isSuccess()) connect(ctx.channel(), to);
        else {
          releaseEarly();
          ctx.close();
        }
      } else if (evt instanceof IdleStateEvent) {
        why(config, ctx.channel(), "idle timeout", null);
        ctx.close();
        closeAfterFlush(target);
      } else if (evt instanceof ChannelInputShutdownEvent) {
        halfClose(ctx.channel(), target);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (target == null) releaseEarly(); // closed before (or instead of) the target connection
      closeAfterFlush(target);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      why(config, ctx.channel(), "client connection failed", cause);
      closeAfterFlush(ctx.channel());
    }
  }

  /** The target connection's end. */
  private static final class TargetSide extends ChannelInboundHandlerAdapter {
    private final Channel client;
    private final Config config;
    private boolean answered; // a byte came back from the target (event loop only; for the log)

    TargetSide(Channel client, Config config) {
      this.client = client;
      this.config = config;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      answered = true;
      client.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
        if (f.isSuccess()) readMore(ctx.channel());
        else f.channel().close();
      });
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof ChannelInputShutdownEvent) {
        if (!answered) why(config, client, "target " + ctx.channel().remoteAddress() + " shut its output before any byte", null);
        // A TLS client is closed with close_notify once the answer is out (TLS has no half-close).
        if (client.pipeline().get("tls") != null || client.pipeline().get(io.netty.handler.ssl.SslHandler.class) != null) closeAfterFlush(client);
        else halfClose(ctx.channel(), client);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (!answered) why(config, client, "target " + ctx.channel().remoteAddress() + " closed before any byte", null);
      closeAfterFlush(client);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      why(config, client, "target connection failed", cause);
      closeAfterFlush(ctx.channel());
    }
  }
}
