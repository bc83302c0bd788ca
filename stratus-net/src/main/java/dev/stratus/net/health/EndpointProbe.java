package dev.stratus.net.health;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The real HTTP, HTTPS, STR_MATCH and TCP probes of a Route 53 health checker, over blocking
 * sockets (run on virtual threads). Loopback endpoints are allowed: that is where Stratus's own
 * services and the user's test servers listen.
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
  /** The User-Agent Route 53 health checkers send. */
  public static final String USER_AGENT = "Amazon-Route53-Health-Check-Service (ref stratus; report https://amzn.to/1vsZADi)";

  /*
   * Judging the endpoint, not Stratus: every deadline is measured on `ticker` from the moment this
   * probe started running (connect: start + 4 s, or 10 s for TCP) or connected (first byte: + 2 s;
   * search string: a further 2 s from the status line), never from when a timer meant it to run.
   * A failure whose cause is local is not a verdict on the endpoint and comes back as
   * ProbeResult.local: the socket call failed with EMFILE/ENFILE/ENOBUFS/ENOMEM/EADDRNOTAVAIL,
   * the JVM threw an Error (OutOfMemoryError), or this probe itself was stalled (GC, a starved
   * scheduler) so that it observed an outcome more than STALL_SLACK after its deadline: a timeout
   * seen that late cannot tell a slow endpoint from a frozen checker, and an answer read that late
   * cannot say whether it came in time.
   */

  /** How far past a deadline an outcome may be observed before the probe counts as stalled. */
  static final Duration STALL_SLACK = Duration.ofSeconds(1);

  /** Opens the probe's unconnected socket (tests inject faults here). */
  @FunctionalInterface
  interface SocketOpener {
    Socket open() throws IOException;
  }

  private final Clock clock;
  private final LongSupplier ticker;
  private final SocketOpener opener;

  public EndpointProbe(Clock clock) {
    this(clock, System::nanoTime, Socket::new);
  }

  /** With an injected monotonic {@code ticker} (nanoseconds) and socket source, for tests. */
  EndpointProbe(Clock clock, LongSupplier ticker, SocketOpener opener) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.opener = Objects.requireNonNull(opener, "opener");
  }

  /** Made at the first HTTPS probe: initialising TLS is start-up time most runs never need. */
  private static final class TrustAll {
    static final SSLContext CONTEXT = trustAllContext();
  }

  @Override
  public ProbeResult probe(HealthCheckerConfig config) {
    long start = ticker.getAsLong();
    try {
      String status = switch (config.type()) {
        case TCP -> probeTcp(config, start);
        case HTTP, HTTPS, HTTP_STR_MATCH, HTTPS_STR_MATCH -> probeHttp(config, start);
        case CALCULATED -> throw new IllegalArgumentException("a CALCULATED check has no endpoint: " + config.id());
      };
      return new ProbeResult(status.startsWith("Success"), status, clock.instant());
    } catch (LocalFault f) {
      return ProbeResult.local(f.getMessage(), clock.instant());
    } catch (VirtualMachineError e) { // OutOfMemoryError, StackOverflowError: Stratus's, not the endpoint's
      return ProbeResult.local("probe failed inside Stratus: " + e, clock.instant());
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

  private static void throwIfLocal(IOException e) {
    String message = String.valueOf(e.getMessage());
    for (String local : LOCAL_ERRORS) {
      if (message.contains(local)) {
        throw new LocalFault("probe failed inside Stratus: " + message);
      }
    }
  }

  /** Milliseconds left before {@code deadline}; a local fault when the probe reached it too late. */
  private int leftMillis(long deadline, String what) {
    long left = (deadline - ticker.getAsLong()) / 1_000_000;
    if (left <= 0) {
      throw new LocalFault("probe stalled: reached " + what + " " + (-left) + " ms after its deadline");
    }
    return (int) left;
  }

  /** Throws a local fault if now is more than STALL_SLACK past {@code deadline}. */
  private void checkNotStalled(long deadline, String what) {
    long late = ticker.getAsLong() - deadline;
    if (late > STALL_SLACK.toNanos()) {
      throw new LocalFault("probe stalled: observed " + what + " " + late / 1_000_000 + " ms after its deadline");
    }
  }

  private Socket open() {
    try {
      return opener.open();
    } catch (IOException e) {
      throwIfLocal(e);
      throw new LocalFault("probe could not create a socket: " + e.getMessage());
    }
  }

  private String probeTcp(HealthCheckerConfig config, long start) {
    Optional<InetAddress> address = resolve(config);
    if (address.isEmpty()) {
      return HealthCheckReasons.dnsResolutionFailed();
    }
    long deadline = start + TCP_CONNECT_TIMEOUT.toNanos();
    try (Socket socket = open()) {
      socket.connect(new InetSocketAddress(address.get(), config.port()), leftMillis(deadline, "connect"));
      return HealthCheckReasons.tcpSuccess();
    } catch (IOException e) {
      return connectFailure(e, deadline);
    }
  }

  private String probeHttp(HealthCheckerConfig config, long start) {
    Optional<InetAddress> address = resolve(config);
    if (address.isEmpty()) {
      return HealthCheckReasons.dnsResolutionFailed();
    }
    if (config.type().tls()) {
      SSLContext unused = TrustAll.CONTEXT; // TLS set up before the response clock starts, as when made eagerly
    }
    long connectDeadline = start + HTTP_CONNECT_TIMEOUT.toNanos();
    Socket socket = open();
    try {
      socket.connect(new InetSocketAddress(address.get(), config.port()), leftMillis(connectDeadline, "connect"));
      socket.setSoTimeout((int) RESPONSE_TIMEOUT.toMillis()); // bounds the TLS handshake too
    } catch (IOException e) {
      closeQuietly(socket);
      return connectFailure(e, connectDeadline);
    } catch (RuntimeException | Error e) {
      closeQuietly(socket);
      throw e;
    }
    return exchange(config, socket);
  }

  private String exchange(HealthCheckerConfig config, Socket plain) {
    long deadline = ticker.getAsLong() + RESPONSE_TIMEOUT.toNanos();
    DeadlineInputStream in = null;
    try (Socket socket = config.type().tls() ? wrap(plain, config) : plain) {
      in = new DeadlineInputStream(socket, deadline);
      OutputStream out = socket.getOutputStream();
      out.write(request(config).getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      HttpResponseReader reader = new HttpResponseReader(new BufferedInputStream(in));
      HttpResponseReader.Head head = reader.readHead();
      checkNotStalled(deadline, "the status line");
      String reason = HealthCheckReasons.reasonPhrase(head.status());
      if (head.status() < 200 || head.status() >= 400) {
        return HealthCheckReasons.httpFailure(head.status(), reason);
      }
      if (!config.type().stringMatch()) {
        return HealthCheckReasons.httpSuccess(head.status(), reason);
      }
      in.extend(ticker.getAsLong() + BODY_TIMEOUT.toNanos());
      byte[] body = reader.readBody(head, SEARCH_WINDOW_BYTES);
      checkNotStalled(in.deadlineNanos, "the body");
      String search = config.searchString().orElse("");
      return contains(body, search.getBytes(StandardCharsets.UTF_8))
          ? HealthCheckReasons.httpSuccess(head.status(), reason)
          : HealthCheckReasons.searchStringNotFound(search);
    } catch (SocketTimeoutException e) {
      checkNotStalled(in == null ? deadline : in.deadlineNanos, "the timeout");
      return HealthCheckReasons.responseTimedOut();
    } catch (HttpResponseReader.MalformedResponse | NumberFormatException e) {
      return HealthCheckReasons.malformedResponse();
    } catch (SSLException e) {
      return HealthCheckReasons.sslFailure();
    } catch (IOException e) {
      throwIfLocal(e);
      return HealthCheckReasons.ioFailure(String.valueOf(e.getMessage()));
    }
  }

  /** The GET a Route 53 checker sends, with the Host header of route53.md §25. */
  static String request(HealthCheckerConfig config) {
    return "GET " + config.resourcePath() + " HTTP/1.1\r\n"
        + "Host: " + config.hostHeader() + "\r\n"
        + "User-Agent: " + USER_AGENT + "\r\n"
        + "Accept: */*\r\n"
        + (config.type().stringMatch() ? "Accept-Encoding: gzip, deflate\r\n" : "")
        + "Connection: close\r\n\r\n";
  }

  private Socket wrap(Socket plain, HealthCheckerConfig config) throws IOException {
    SSLSocket tls = (SSLSocket) TrustAll.CONTEXT.getSocketFactory()
        .createSocket(plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
    config.fullyQualifiedDomainName().ifPresent(name -> {
      SSLParameters params = tls.getSSLParameters();
      params.setServerNames(List.of(new SNIHostName(name)));
      tls.setSSLParameters(params);
    });
    return tls;
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

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing left to do with a socket that failed to connect
    }
  }

  private String connectFailure(IOException e, long deadline) {
    throwIfLocal(e);
    if (e instanceof SocketTimeoutException) {
      checkNotStalled(deadline, "the connect timeout");
      return HealthCheckReasons.connectionTimedOut();
    }
    if (e instanceof ConnectException) {
      return HealthCheckReasons.connectionRefused();
    }
    return HealthCheckReasons.ioFailure(String.valueOf(e.getMessage()));
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
  private static SSLContext trustAllContext() {
    X509TrustManager trustAll = new X509TrustManager() {
      @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
      @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
      @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    };
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustAll}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS in this JVM", e);
    }
  }

  /** Socket input that fails with SocketTimeoutException once a deadline (on the ticker) passes. */
  private final class DeadlineInputStream extends InputStream {
    private final Socket socket;
    private final InputStream in;
    private long deadlineNanos;

    DeadlineInputStream(Socket socket, long deadlineNanos) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.deadlineNanos = deadlineNanos;
    }

    void extend(long newDeadlineNanos) {
      deadlineNanos = newDeadlineNanos;
    }

    @Override
    public int read() throws IOException {
      arm();
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      arm();
      return in.read(b, off, len);
    }

    private void arm() throws IOException {
      long leftMillis = (deadlineNanos - ticker.getAsLong()) / 1_000_000;
      if (leftMillis <= 0) {
        throw new SocketTimeoutException("deadline passed");
      }
      socket.setSoTimeout((int) leftMillis);
    }
  }
}
