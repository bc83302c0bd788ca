package dev.stratus.net.l4;

import dev.stratus.net.transport.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A UDP listener that relays datagrams per flow (NLB UDP listeners, Global Accelerator UDP). A
 * flow is keyed by the client's address and port (the listener's address, port and protocol are
 * fixed, so that is the 5-tuple); its first datagram picks the target, later ones follow it, and
 * the target's replies go back to the client from the listener's own address, as a client
 * expects. A flow with no datagram either way for the idle timeout is forgotten.
 */
public final class UdpProxy implements AutoCloseable {

  /**
   * @param name for logs
   * @param chooser the target per flow
   * @param idleTimeout a flow idle this long is closed (NLB UDP: 120 s)
   * @param maxFlows flows kept at once; a new flow over it is dropped
   */
  public record Config(String name, TargetChooser chooser, Duration idleTimeout, int maxFlows, SourceAddress source) {
    /** NLB's UDP idle timeout: 120 s (elbv2 "Connection idle timeout"). */
    public static final Duration NLB_UDP_IDLE = Duration.ofSeconds(120);

    public Config {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(chooser, "chooser");
      Objects.requireNonNull(idleTimeout, "idleTimeout");
      if (maxFlows <= 0) throw new IllegalArgumentException("maxFlows must be positive: " + maxFlows);
      if (source == null) source = SourceAddress.KERNEL;
    }

    public Config(String name, TargetChooser chooser, Duration idleTimeout, int maxFlows) {
      this(name, chooser, idleTimeout, maxFlows, SourceAddress.KERNEL);
    }

    /** Flow sockets sent from {@code from}'s choice (client IP preservation). */
    public Config withSource(SourceAddress from) {
      return new Config(name, chooser, idleTimeout, maxFlows, from);
    }

    public static Config nlb(String name, TargetChooser chooser) {
      return new Config(name, chooser, NLB_UDP_IDLE, 65_536);
    }

    public Config withIdleTimeout(Duration idle) {
      return new Config(name, chooser, idle, maxFlows, source);
    }
  }

  private final Channel listener;
  private final Relay relay;

  private UdpProxy(Channel listener, Relay relay) {
    this.listener = listener;
    this.relay = relay;
  }

  /** Binds {@code address} (port 0 = any free port). */
  public static UdpProxy bind(Transport transport, InetSocketAddress address, Config config) {
    Relay relay = new Relay(transport, config);
    Channel channel = transport.datagram().handler(relay).bind(address).syncUninterruptibly().channel();
    relay.start(channel);
    return new UdpProxy(channel, relay);
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) listener.localAddress();
  }

  /** Flows open now. */
  public int flows() {
    return relay.flowCount;
  }

  @Override
  public void close() {
    listener.close().syncUninterruptibly();
  }

  /** One client's flow: its socket towards the target and when it last carried a datagram. */
  private static final class Flow {
    final ChannelFuture ready;
    final Channel toTarget;
    long lastSeen = System.nanoTime();

    Flow(ChannelFuture ready) {
      this.ready = ready;
      this.toTarget = ready.channel();
    }

    void send(ByteBuf datagram) {
      if (ready.isDone()) {
        toTarget.writeAndFlush(datagram);
      } else {
        ready.addListener(f -> toTarget.writeAndFlush(datagram));
      }
    }
  }

  /** The listener's handler; everything runs on the listener's one event loop. */
  private static final class Relay extends SimpleChannelInboundHandler<DatagramPacket> {
    private final Transport transport;
    private final Config config;
    private final Map<InetSocketAddress, Flow> flows = new HashMap<>();
    private volatile int flowCount;
    private Channel listener;
    private ScheduledFuture<?> sweeper;

    Relay(Transport transport, Config config) {
      this.transport = transport;
      this.config = config;
    }

    void start(Channel channel) {
      this.listener = channel;
      long every = Math.max(10, config.idleTimeout().toMillis() / 4);
      sweeper = channel.eventLoop().scheduleAtFixedRate(this::sweep, every, every, TimeUnit.MILLISECONDS);
      channel.closeFuture().addListener(f -> channel.eventLoop().execute(() -> {
        sweeper.cancel(false);
        flows.values().forEach(flow -> flow.toTarget.close());
        flows.clear();
        flowCount = 0;
      }));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
      InetSocketAddress client = packet.sender();
      Flow flow = flows.get(client);
      if (flow == null) {
        if (flows.size() >= config.maxFlows()) return;
        Optional<InetSocketAddress> target = config.chooser().choose(client, (InetSocketAddress) ctx.channel().localAddress());
        if (target.isEmpty() || target.get() == TargetChooser.BLACKHOLE) return;
        flow = open(client, target.get(), config.source().of(client, (InetSocketAddress) ctx.channel().localAddress()));
        if (flow == null) return;
      }
      flow.lastSeen = System.nanoTime();
      flow.send(packet.content().retain());
    }

    private Flow open(InetSocketAddress client, InetSocketAddress target, InetSocketAddress source) {
      Flow[] self = new Flow[1];
      ChannelFuture ready = transport.datagram(listener.eventLoop())
          .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket reply) {
              if (self[0] != null) self[0].lastSeen = System.nanoTime();
              // Replies leave from the listener's socket, so the client sees the address it sent to.
              listener.writeAndFlush(new DatagramPacket(reply.content().retain(), client));
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
              // ICMP port unreachable from the target and the like: the flow idles out.
            }
          })
          .connect(target, source);
      Flow flow = new Flow(ready);
      self[0] = flow;
      flows.put(client, flow);
      flowCount = flows.size();
      return flow;
    }

    private void sweep() {
      long now = System.nanoTime();
      long idle = config.idleTimeout().toNanos();
      for (Iterator<Map.Entry<InetSocketAddress, Flow>> it = flows.entrySet().iterator(); it.hasNext(); ) {
        Flow flow = it.next().getValue();
        if (now - flow.lastSeen >= idle) {
          flow.toTarget.close();
          it.remove();
        }
      }
      flowCount = flows.size();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // A datagram socket survives an ICMP error or a bad send; nothing to close.
    }
  }
}
