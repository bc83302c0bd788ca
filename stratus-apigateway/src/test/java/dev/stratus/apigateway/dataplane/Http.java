package dev.stratus.apigateway.dataplane;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A raw HTTP/1.1 client for data-plane tests: any Host header, one request per connection. */
final class Http {
  private Http() {}

  record Response(int status, Map<String, String> headers, String body) {
    String header(String name) { return headers.get(name.toLowerCase(Locale.ROOT)); }
  }

  static Response send(InetSocketAddress to, String host, String method, String target, Map<String, String> headers, String body) {
    try (Socket s = new Socket()) {
      s.connect(to, 5000);
      s.setSoTimeout(30_000);
      byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      StringBuilder req = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n");
      headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
      req.append("Content-Length: ").append(b.length).append("\r\n\r\n");
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.UTF_8));
      out.write(b);
      out.flush();
      return parse(s.getInputStream());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Response get(InetSocketAddress to, String host, String target) { return send(to, host, "GET", target, Map.of(), null); }

  private static Response parse(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    String text = all.toString(StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    String body = text.substring(end + 4);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) body = dechunk(body);
    return new Response(status, headers, body);
  }

  private static String dechunk(String s) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (true) {
      int nl = s.indexOf("\r\n", i);
      int size = Integer.parseInt(s.substring(i, nl).trim(), 16);
      if (size == 0) return out.toString();
      out.append(s, nl + 2, nl + 2 + size);
      i = nl + 2 + size + 2;
    }
  }
}
