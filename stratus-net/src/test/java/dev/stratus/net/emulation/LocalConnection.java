package dev.stratus.net.emulation;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An in-JVM connection for the delay tests: a local server whose accepted channel {@code accepted}
 * sets up (a {@link DelayHandler} and what receives behind it), and a client connected to it, on
 * one event loop of their own.
 */
final class LocalConnection implements AutoCloseable {
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
  /** The client's end: what it writes reaches the accepted channel's pipeline. */
  final Channel client;

  LocalConnection(Consumer<LocalChannel> accepted) throws InterruptedException {
    LocalAddress address = new LocalAddress("delay-test-" + System.nanoTime());
    new ServerBootstrap().group(group).channel(LocalServerChannel.class)
        .childHandler(new ChannelInitializer<LocalChannel>() {
          @Override
          protected void initChannel(LocalChannel ch) {
            accepted.accept(ch);
          }
        }).bind(address).sync();
    client = new Bootstrap().group(group).channel(LocalChannel.class)
        .handler(new ChannelInboundHandlerAdapter()).connect(address).sync().channel();
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
