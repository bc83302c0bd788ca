package dev.stratus.elbv2.dataplane;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Test traffic: a raw HTTP/1.1 client (any bytes, any Host) and tiny local backends. */
final class AlbTraffic {
  private AlbTraffic() {}

  record Reply(int status, Map<String, List<String>> headers, String body) {
    String header(String name) {
      List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
      return v == null ? null : v.get(0);
    }

    List<String> all(String name) { return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()); }
  }

  /** Sends {@code raw} as is and reads until the server closes. */
  static Reply send(InetSocketAddress to, String raw) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(to, 5_000);
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) >= 0) {
        all.write(buf, 0, n);
        String text = all.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end >= 0) { // stop at Content-Length so keep-alive answers need no close
          Reply r = parse(text);
          String cl = r.header("content-length");
          if (cl != null && text.length() - end - 4 >= Integer.parseInt(cl.trim())) return r;
        }
      }
      return parse(all.toString(StandardCharsets.ISO_8859_1));
    }
  }

  static Reply get(InetSocketAddress to, String host, String path, String... headerLines) throws IOException {
    return request(to, "GET", host, path, headerLines);
  }

  static Reply request(InetSocketAddress to, String method, String host, String path, String... headerLines) throws IOException {
    StringBuilder b = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n");
    for (String h : headerLines) b.append(h).append("\r\n");
    return send(to, b.append("\r\n").toString());
  }

  static Reply parse(String text) {
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) throw new IllegalStateException("no complete response: " + text);
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(lines[i].substring(colon + 1).trim());
    }
    return new Reply(status, headers, text.substring(end + 4));
  }

  /** A client TLS context trusting only {@code server}'s Stratus CA; each is new, with no session to resume. */
  static javax.net.ssl.SSLContext trustingStratus(dev.stratus.protocol.testing.ApiTestServer server) throws Exception {
    java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("stratus",
        server.context().extensions().find(dev.stratus.net.tls.StratusCa.class).orElseThrow().certificate());
    var tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    var context = javax.net.ssl.SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  /**
   * The address of one node of {@code listenerArn} once the data plane has opened at least
   * {@code atLeast} of its nodes (10 s at most).
   */
  static InetSocketAddress node(dev.stratus.elbv2.Elbv2Module module, String listenerArn, int atLeast) {
    var node = new AtomicReference<InetSocketAddress>();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
      Map<String, InetSocketAddress> nodes = module.dataPlane().listeners().get(listenerArn);
      if (nodes == null || nodes.size() < atLeast) return false;
      node.set(nodes.values().iterator().next());
      return true;
    });
    return node.get();
  }

  static int freePort() throws IOException {
    try (var s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  /** A backend on 127.0.0.1: answers its name, {@code /health} with a settable status, {@code /slow} after 3 s. */
  static final class Backend implements AutoCloseable {
    final String name;
    final HttpServer server;
    final AtomicInteger hits = new AtomicInteger();
    final AtomicInteger healthStatus = new AtomicInteger(200);
    final AtomicReference<Map<String, List<String>>> lastHeaders = new AtomicReference<>();

    Backend(String name) throws IOException {
      this.name = name;
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
      server.setExecutor(Executors.newCachedThreadPool());
      server.createContext("/", ex -> {
        String path = ex.getRequestURI().getPath();
        if (path.equals("/health")) {
          ex.sendResponseHeaders(healthStatus.get(), -1);
          ex.close();
          return;
        }
        hits.incrementAndGet();
        Map<String, List<String>> h = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        lastHeaders.set(h);
        if (path.equals("/slow")) {
          try {
            Thread.sleep(3_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        byte[] body = (name + "\n").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "text/plain");
        if (path.equals("/app-cookie")) ex.getResponseHeaders().add("Set-Cookie", "SESSION=abc");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
      });
      server.start();
    }

    int port() { return server.getAddress().getPort(); }

    String header(String name) {
      var h = lastHeaders.get();
      List<String> v = h == null ? null : h.get(name.toLowerCase(Locale.ROOT));
      return v == null ? null : v.get(0);
    }

    @Override
    public void close() { server.stop(0); }
  }
}
