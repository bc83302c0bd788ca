package dev.stratus.cloudfront.dataplane;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A viewer on a real socket from a chosen source address (127.61.0.1 = Sydney when the test maps it). */
final class Viewer {

  record Response(int status, Map<String, String> headers, byte[] body) {
    String header(String name) { return headers.get(name.toLowerCase(Locale.ROOT)); }

    String text() { return new String(body, StandardCharsets.UTF_8); }

    String xCache() { return header("x-cache"); }
  }

  private final String source;

  Viewer(String source) {
    this.source = source;
  }

  Response get(InetSocketAddress edge, String host, String path, String... headers) throws IOException {
    return send(edge, "GET", host, path, "HTTP/1.1", null, headers);
  }

  Response send(InetSocketAddress edge, String method, String host, String path, String version, byte[] body,
      String... headers) throws IOException {
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(source, 0));
      s.connect(edge, 5_000);
      s.setSoTimeout(20_000);
      StringBuilder req = new StringBuilder(method + " " + path + " " + version + "\r\nHost: " + host + "\r\n");
      for (int i = 0; i + 1 < headers.length; i += 2) req.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
      if (body != null) req.append("Content-Length: ").append(body.length).append("\r\n");
      req.append("Connection: close\r\n\r\n");
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) out.write(body);
      out.flush();
      return parse(s.getInputStream().readAllBytes(), method.equals("HEAD"));
    }
  }

  static Response parse(byte[] raw, boolean head) {
    int end = -1;
    for (int i = 0; i + 3 < raw.length; i++) {
      if (raw[i] == '\r' && raw[i + 1] == '\n' && raw[i + 2] == '\r' && raw[i + 3] == '\n') {
        end = i;
        break;
      }
    }
    if (end < 0) throw new IllegalStateException("no response head: " + new String(raw, StandardCharsets.ISO_8859_1));
    String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> h = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int c = lines[i].indexOf(':');
      h.putIfAbsent(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
    }
    byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
    if (head) body = new byte[0];
    else if (h.containsKey("content-length")) body = Arrays.copyOf(body, Integer.parseInt(h.get("content-length")));
    return new Response(status, h, body);
  }
}
