package dev.stratus.net.health;

import dev.stratus.net.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLException;

/**
 * The real HTTP, HTTPS, STR_MATCH and TCP probes of Stratus's one prober (Route 53 health checks,
 * ELB target health, Global Accelerator endpoint checks), non-blocking on Netty: a probe is a
 * channel on the shared transport's event loops and a few timers, no thread waits on a socket.
 * Loopback endpoints are allowed: that is where Stratus's own services and the user's test
 * servers listen.
 */
public final class EndpointProbe implements HealthProbe {

  /** HTTP(S): the TCP connection must open within 4 s (route53.md §24). */
  public static final Duration HTTP_CONNECT_TIMEOUT = Duration.ofSeconds(4);
  /** HTTP(S): the status line must arrive within 2 s of connecting (route53.md §24). */
  public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(2);
  /** STR_MATCH: the body must arrive within a further 2 s (route53.md §24). */
  public static final Duration BODY_TIMEOUT = Duration.ofSeconds(2);
  /** TCP: the connection must open within 10 s (route53.md §24). */
  public static final Duration TCP_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** STR_MATCH: the string must lie entirely within the first 5,120 bytes (route53.md §24). */
  public static final int SEARCH_WINDOW_BYTES = 5_120;
  /** Response headers must total at most 16 KB (route53.md §24, health check quotas). */
  static final int MAX_HEADER_BYTES = 16 * 1024;
  /** The User-Agent Route 53 health checkers send. */
  public static final String USER_AGENT = "Amazon-Route53-Health-Check-Service (ref stratus; report https://amzn.to/1vsZADi)";

  /*
   * Judging the endpoint, not Stratus: every deadline is measured on `ticker` from the moment this
   * probe started (connect: start + 4 s, or 10 s for TCP) or connected (first byte: + 2 s; search
   * string: a further 2 s from the status line), never from when a timer meant it to run; a config
   * with an overall timeout (ELB's HealthCheckTimeoutSeconds) has one deadline, start + timeout. Timers
   * on the channel's event loop fire at the deadlines; every event (request written, status line,
   * body, timer) re-reads the ticker, so a deadline already passed is acted on at once.
   * A failure whose cause is local is not a verdict on the endpoint and comes back as
   * ProbeResult.local: creating or connecting the socket failed with EMFILE/ENFILE/ENOBUFS/ENOMEM/
   * EADDRNOTAVAIL, the JVM threw an Error (OutOfMemoryError), or the probe itself was stalled (GC,
   * a starved event loop) so that it observed an outcome more than STALL_SLACK after its
   * deadline: a timeout seen that late cannot tell a slow endpoint from a frozen checker, and an
   * answer read that late cannot say whether it came in time.
   * Names (a check with only a domain name) are resolved by the JDK's resolver, which blocks: on
   * a virtual thread, before the probe's channel exists.
   */

  /** How far past a deadline an outcome may be observed before the probe counts as stalled. */
  static final Duration STALL_SLACK = Duration.ofSeconds(1);

  /** Where tests inject faults: the probe's channel source and the moments a stall can happen. */
  interface Hooks {
    /** Creates the probe's unconnected channel (may throw as socket creation does). */
    Channel newChannel(Transport transport);

    /** Called just before the probe reads the ticker to set its connect timeout. */
    default void connecting() {}

    /** Called when the request has been written. */
    default void requestWritten() {}
  }

  private static final Hooks DEFAULT_HOOKS = transport -> newSocketChannel(transport);

  private static Channel newSocketChannel(Transport transport) {
    try {
      return transport.socketChannelType().getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create a " + transport.socketChannelType(), e);
    }
  }

  private final Clock clock;
  private final LongSupplier ticker;
  private final Transport transport;
  private final Hooks hooks;
  private final Executor resolver = Executors.newVirtualThreadPerTaskExecutor();

  /** Probes on the process-wide transport's event loops. */
  public EndpointProbe(Clock clock) {
    this(clock, Transport.shared());
  }

  /** Probes on {@code transport}'s event loops. */
  public EndpointProbe(Clock clock, Transport transport) {
    this(clock, System::nanoTime, transport, DEFAULT_HOOKS);
  }

  /** With an injected monotonic {@code ticker} (nanoseconds) and fault hooks, for tests. */
  EndpointProbe(Clock clock, LongSupplier ticker, Transport transport, Hooks hooks) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.hooks = Objects.requireNonNull(hooks, "hooks");
  }

  /** Made at the first HTTPS probe: initialising TLS is start-up time most runs never need. */
  private static final class TrustAll {
    static final SslContext CONTEXT = trustAllContext();
  }

  /** Waits for {@link #probeAsync}; never call it on an event loop. */
  @Override
  public ProbeResult probe(HealthCheckerConfig config) {
    return probeAsync(config).join();
  }

  @Override
  public CompletableFuture<ProbeResult> probeAsync(HealthCheckerConfig config) {
    long start = ticker.getAsLong();
    CompletableFuture<ProbeResult> result = new CompletableFuture<>();
    try {
      if (config.type() == HealthCheckType.CALCULATED) {
        throw new IllegalArgumentException("a CALCULATED check has no endpoint: " + config.id());
      }
      if (config.ipAddress().isPresent()) {
        connect(config, resolve(config), start, result);
      } else {
        resolver.execute(() -> {
          try {
            connect(config, resolve(config), start, result);
          } catch (Throwable t) {
            fail(result, t);
          }
        });
      }
    } catch (Throwable t) {
      fail(result, t);
    }
    return result;
  }

  private void fail(CompletableFuture<ProbeResult> result, Throwable t) {
    if (t instanceof LocalFault f) {
      result.complete(ProbeResult.local(f.getMessage(), clock.instant()));
    } else if (t instanceof VirtualMachineError || localCause(t).isPresent()) {
      result.complete(ProbeResult.local("probe failed inside Stratus: " + localCause(t).orElse(t.toString()),
          clock.instant()));
    } else if (t instanceof IllegalArgumentException) {
      result.completeExceptionally(t);
    } else {
      result.complete(ProbeResult.local("probe failed inside Stratus: " + t, clock.instant()));
    }
  }

  /** A probe that cannot judge the endpoint; carries the reason for Stratus's log. */
  private static final class LocalFault extends RuntimeException {
    LocalFault(String why) {
      super(why, null, false, false);
    }
  }

  /** Texts of errno values that describe this machine, not the endpoint. */
  private static final List<String> LOCAL_ERRORS = List.of("Too many open files", "No buffer space available",
      "Cannot allocate memory", "Cannot assign requested address", "Too many open files in system");

  /** The message of a local errno anywhere in {@code t}'s causes, or an Error's description. */
  private static Optional<String> localCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof VirtualMachineError) {
        return Optional.of(c.toString());
      }
      String message = String.valueOf(c.getMessage());
      for (String local : LOCAL_ERRORS) {
        if (message.contains(local)) {
          return Optional.of(message);
        }
      }
    }
    return Optional.empty();
  }

  /** Milliseconds left before {@code deadline}; a local fault when the probe reached it too late. */
  private int leftMillis(long deadline, String what) {
    long left = (deadline - ticker.getAsLong()) / 1_000_000;
    if (left <= 0) {
      throw new LocalFault("probe stalled: reached " + what + " " + (-left) + " ms after its deadline");
    }
    return (int) left;
  }

  private void connect(HealthCheckerConfig config, Optional<InetAddress> address, long start,
      CompletableFuture<ProbeResult> result) {
    if (address.isEmpty()) {
      result.complete(verdict(HealthCheckReasons.dnsResolutionFailed()));
      return;
    }
    boolean tcp = config.type() == HealthCheckType.TCP;
    if (config.type().tls()) {
      SslContext unused = TrustAll.CONTEXT; // TLS set up before the connect clock runs down, as when made eagerly
    }
    Long overall = config.timeout().map(t -> start + t.toNanos()).orElse(null); // ELB: one deadline for it all
    long connectDeadline = overall != null ? overall : start + (tcp ? TCP_CONNECT_TIMEOUT : HTTP_CONNECT_TIMEOUT).toNanos();
    hooks.connecting();
    int timeout = leftMillis(connectDeadline, "connect");
    Exchange exchange = tcp ? null : new Exchange(config, result, overall);
    ChannelFactory<Channel> channels = () -> hooks.newChannel(transport);
    Bootstrap bootstrap = new Bootstrap().group(transport.workers()).channelFactory(channels)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeout)
        .option(ChannelOption.AUTO_READ, true)
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            if (exchange != null) {
              exchange.install(ch);
            }
          }
        });
    ChannelFuture connected = bootstrap.connect(new InetSocketAddress(address.get(), config.port()));
    connected.addListener(f -> {
      if (!f.isSuccess()) {
        result.complete(connectFailure(f.cause(), connectDeadline));
        if (connected.channel().isRegistered()) connected.channel().close(); // not so when creating it failed
        return;
      }
      if (tcp) {
        result.complete(verdict(HealthCheckReasons.tcpSuccess()));
        connected.channel().close();
      } else {
        exchange.connected(connected.channel());
      }
    });
  }

  private ProbeResult verdict(String status) {
    return new ProbeResult(status.startsWith("Success"), status, clock.instant());
  }

  private ProbeResult connectFailure(Throwable e, long deadline) {
    Optional<String> local = localCause(e);
    if (local.isPresent()) {
      return ProbeResult.local("probe failed inside Stratus: " + local.get(), clock.instant());
    }
    if (e instanceof ConnectTimeoutException) {
      long late = ticker.getAsLong() - deadline;
      if (late > STALL_SLACK.toNanos()) {
        return ProbeResult.local("probe stalled: observed the connect timeout " + late / 1_000_000
            + " ms after its deadline", clock.instant());
      }
      return verdict(HealthCheckReasons.connectionTimedOut());
    }
    if (e instanceof ConnectException) {
      return verdict(HealthCheckReasons.connectionRefused());
    }
    if (e instanceof IOException) {
      return verdict(HealthCheckReasons.ioFailure(String.valueOf(e.getMessage())));
    }
    return ProbeResult.local("probe could not create a socket: " + e, clock.instant());
  }

  /** One HTTP(S) request and the reading of its response, all on the channel's event loop. */
  private final class Exchange extends ChannelInboundHandlerAdapter {
    private final HealthCheckerConfig config;
    private final CompletableFuture<ProbeResult> result;
    private final Long overall;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private Channel channel;
    private long deadline;
    private String waitingFor = "the status line";
    private ScheduledFuture<?> timer;
    private HttpResponse head;

    Exchange(HealthCheckerConfig config, CompletableFuture<ProbeResult> result, Long overall) {
      this.config = config;
      this.result = result;
      this.overall = overall;
    }

    void install(Channel ch) {
      if (config.type().tls()) {
        SslHandler tls = config.fullyQualifiedDomainName()
            .map(name -> TrustAll.CONTEXT.newHandler(ch.alloc(), name, config.port())) // SNI
            .orElseGet(() -> TrustAll.CONTEXT.newHandler(ch.alloc()));
        tls.setHandshakeTimeoutMillis(0); // the response deadline bounds the handshake
        ch.pipeline().addLast(tls);
      }
      ch.pipeline().addLast(new HttpClientCodec(4096, MAX_HEADER_BYTES, 8192), new HttpContentDecompressor(0), this);
    }

    void connected(Channel ch) {
      channel = ch;
      deadline = overall != null ? overall : ticker.getAsLong() + RESPONSE_TIMEOUT.toNanos();
      arm();
      ch.writeAndFlush(request(config)).addListener(f -> {
        hooks.requestWritten();
        if (!f.isSuccess()) {
          failed(f.cause());
        } else {
          arm(); // the write may have stalled past the deadline
        }
      });
    }

    /** (Re)sets the timer to the deadline as the ticker now sees it; fires at once when it passed. */
    private void arm() {
      if (result.isDone()) return;
      if (timer != null) timer.cancel(false);
      long left = deadline - ticker.getAsLong();
      if (left <= 0) {
        timedOut();
      } else {
        EventLoop loop = channel.eventLoop();
        timer = loop.schedule(this::timedOut, left, TimeUnit.NANOSECONDS);
      }
    }

    private void timedOut() {
      long late = ticker.getAsLong() - deadline;
      if (late < 0) { // woke early (the ticker is not the loop's clock): wait the rest
        arm();
        return;
      }
      if (late > STALL_SLACK.toNanos()) {
        finish(ProbeResult.local("probe stalled: observed the timeout for " + waitingFor + " " + late / 1_000_000
            + " ms after its deadline", clock.instant()));
      } else {
        finish(verdict(HealthCheckReasons.responseTimedOut()));
      }
    }

    /** False (and the result is a local fault) when the probe saw {@code what} too late to judge it. */
    private boolean inTime(String what) {
      long late = ticker.getAsLong() - deadline;
      if (late > STALL_SLACK.toNanos()) {
        finish(ProbeResult.local("probe stalled: observed " + what + " " + late / 1_000_000 + " ms after its deadline",
            clock.instant()));
        return false;
      }
      return true;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (result.isDone() || !(msg instanceof HttpObject object)) return;
        if (object.decoderResult().isFailure()) {
          finish(verdict(HealthCheckReasons.malformedResponse()));
          return;
        }
        if (msg instanceof HttpResponse response && head == null) {
          head = response;
          if (!inTime("the status line")) return;
          int code = response.status().code();
          String reason = HealthCheckReasons.reasonPhrase(code);
          if (code < 200 || code >= 400) {
            finish(verdict(HealthCheckReasons.httpFailure(code, reason)));
            return;
          }
          if (!config.type().stringMatch()) {
            finish(verdict(HealthCheckReasons.httpSuccess(code, reason)));
            return;
          }
          waitingFor = "the body";
          deadline = overall != null ? overall : ticker.getAsLong() + BODY_TIMEOUT.toNanos();
          arm();
        }
        if (msg instanceof HttpContent content && head != null) {
          ByteBuf bytes = content.content();
          int take = Math.min(bytes.readableBytes(), SEARCH_WINDOW_BYTES - body.size());
          byte[] chunk = new byte[take];
          bytes.getBytes(bytes.readerIndex(), chunk);
          body.write(chunk, 0, take);
          if (body.size() >= SEARCH_WINDOW_BYTES || msg instanceof LastHttpContent) {
            judgeBody();
          }
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    private void judgeBody() {
      if (!inTime("the body")) return;
      int code = head.status().code();
      String search = config.searchString().orElse("");
      finish(verdict(contains(body.toByteArray(), search.getBytes(StandardCharsets.UTF_8))
          ? HealthCheckReasons.httpSuccess(code, HealthCheckReasons.reasonPhrase(code))
          : HealthCheckReasons.searchStringNotFound(search)));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (!result.isDone()) {
        if (head != null && config.type().stringMatch()) {
          judgeBody(); // a body delimited by the connection's close
        } else {
          finish(verdict(head == null ? HealthCheckReasons.ioFailure("connection closed in the response head")
              : HealthCheckReasons.malformedResponse()));
        }
      }
      ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      failed(cause);
    }

    private void failed(Throwable cause) {
      if (result.isDone()) return;
      Optional<String> local = localCause(cause);
      if (local.isPresent()) {
        finish(ProbeResult.local("probe failed inside Stratus: " + local.get(), clock.instant()));
      } else if (cause instanceof SSLException || cause.getCause() instanceof SSLException) {
        finish(verdict(HealthCheckReasons.sslFailure()));
      } else if (cause instanceof DecoderException) {
        finish(verdict(HealthCheckReasons.malformedResponse()));
      } else {
        finish(verdict(HealthCheckReasons.ioFailure(String.valueOf(cause.getMessage()))));
      }
    }

    private void finish(ProbeResult r) {
      if (timer != null) timer.cancel(false);
      result.complete(r);
      if (channel != null) channel.close();
    }
  }

  /** The GET a Route 53 checker sends, with the Host header of route53.md §25. */
  static DefaultFullHttpRequest request(HealthCheckerConfig config) {
    DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
        config.resourcePath(), Unpooled.EMPTY_BUFFER);
    request.headers().add("Host", config.hostHeader()).add("User-Agent", USER_AGENT).add("Accept", "*/*");
    if (config.type().stringMatch()) {
      request.headers().add("Accept-Encoding", "gzip, deflate");
    }
    request.headers().add("Connection", "close");
    return request;
  }

  /** The endpoint address: the IP literal, else the domain name's first IPv4 address (route53.md §31). */
  private static Optional<InetAddress> resolve(HealthCheckerConfig config) {
    try {
      if (config.ipAddress().isPresent()) {
        return Optional.of(InetAddress.getByName(config.ipAddress().get()));
      }
      return Arrays.stream(InetAddress.getAllByName(config.fullyQualifiedDomainName().orElseThrow()))
          .filter(a -> a instanceof Inet4Address)
          .findFirst();
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** HTTPS checks do not validate certificates (route53.md §24). */
  private static SslContext trustAllContext() {
    try {
      return SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
    } catch (SSLException e) {
      throw new IllegalStateException("no TLS in this JVM", e);
    }
  }
}
