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

  private final Clock clock;

  public EndpointProbe(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Made at the first HTTPS probe: initialising TLS is start-up time most runs never need. */
  private static final class TrustAll {
    static final SSLContext CONTEXT = trustAllContext();
  }

  @Override
  public ProbeResult probe(HealthCheckerConfig config) {
    String status = switch (config.type()) {
      case TCP -> probeTcp(config);
      case HTTP, HTTPS, HTTP_STR_MATCH, HTTPS_STR_MATCH -> probeHttp(config);
      case CALCULATED -> throw new IllegalArgumentException("a CALCULATED check has no endpoint: " + config.id());
    };
    return new ProbeResult(status.startsWith("Success"), status, clock.instant());
  }

  private String probeTcp(HealthCheckerConfig config) {
    Optional<InetAddress> address = resolve(config);
    if (address.isEmpty()) {
      return HealthCheckReasons.dnsResolutionFailed();
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address.get(), config.port()), (int) TCP_CONNECT_TIMEOUT.toMillis());
      return HealthCheckReasons.tcpSuccess();
    } catch (IOException e) {
      return connectFailure(e);
    }
  }

  private String probeHttp(HealthCheckerConfig config) {
    Optional<InetAddress> address = resolve(config);
    if (address.isEmpty()) {
      return HealthCheckReasons.dnsResolutionFailed();
    }
    if (config.type().tls()) {
      SSLContext unused = TrustAll.CONTEXT; // TLS set up before the response clock starts, as when made eagerly
    }
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(address.get(), config.port()), (int) HTTP_CONNECT_TIMEOUT.toMillis());
      socket.setSoTimeout((int) RESPONSE_TIMEOUT.toMillis()); // bounds the TLS handshake too
    } catch (IOException e) {
      closeQuietly(socket);
      return connectFailure(e);
    }
    return exchange(config, socket);
  }

  private String exchange(HealthCheckerConfig config, Socket plain) {
    long deadline = System.nanoTime() + RESPONSE_TIMEOUT.toNanos();
    try (Socket socket = config.type().tls() ? wrap(plain, config) : plain) {
      DeadlineInputStream in = new DeadlineInputStream(socket, deadline);
      OutputStream out = socket.getOutputStream();
      out.write(request(config).getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      HttpResponseReader reader = new HttpResponseReader(new BufferedInputStream(in));
      HttpResponseReader.Head head = reader.readHead();
      String reason = HealthCheckReasons.reasonPhrase(head.status());
      if (head.status() < 200 || head.status() >= 400) {
        return HealthCheckReasons.httpFailure(head.status(), reason);
      }
      if (!config.type().stringMatch()) {
        return HealthCheckReasons.httpSuccess(head.status(), reason);
      }
      in.extend(System.nanoTime() + BODY_TIMEOUT.toNanos());
      byte[] body = reader.readBody(head, SEARCH_WINDOW_BYTES);
      String search = config.searchString().orElse("");
      return contains(body, search.getBytes(StandardCharsets.UTF_8))
          ? HealthCheckReasons.httpSuccess(head.status(), reason)
          : HealthCheckReasons.searchStringNotFound(search);
    } catch (SocketTimeoutException e) {
      return HealthCheckReasons.responseTimedOut();
    } catch (HttpResponseReader.MalformedResponse | NumberFormatException e) {
      return HealthCheckReasons.malformedResponse();
    } catch (SSLException e) {
      return HealthCheckReasons.sslFailure();
    } catch (IOException e) {
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

  private static String connectFailure(IOException e) {
    if (e instanceof SocketTimeoutException) {
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

  /** Socket input that fails with SocketTimeoutException once a deadline passes. */
  private static final class DeadlineInputStream extends InputStream {
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
      long leftMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
      if (leftMillis <= 0) {
        throw new SocketTimeoutException("deadline passed");
      }
      socket.setSoTimeout((int) leftMillis);
    }
  }
}
