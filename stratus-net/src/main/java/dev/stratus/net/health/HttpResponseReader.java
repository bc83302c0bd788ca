package dev.stratus.net.health;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Reads the parts of an HTTP/1.1 response a health checker looks at: status line, headers
 * (RFC 9112 syntax, 16 KB at most), and the first bytes of the decoded body.
 */
final class HttpResponseReader {

  /** Response headers must total at most 16 KB (route53.md §24, health check quotas). */
  static final int MAX_HEADER_BYTES = 16 * 1024;

  /** The decoded response received from an endpoint. */
  record Head(int status, Map<String, String> headers) {}

  private final InputStream in;

  HttpResponseReader(InputStream in) {
    this.in = in;
  }

  /** Status line and headers; header names are case-insensitive. Throws MalformedResponse on bad syntax. */
  Head readHead() throws IOException {
    String statusLine = readLine();
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].length() != 3) {
      throw new MalformedResponse("bad status line: " + statusLine);
    }
    int status;
    try {
      status = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new MalformedResponse("bad status code: " + parts[1]);
    }
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    int total = statusLine.length();
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      total += line.length() + 2;
      int colon = line.indexOf(':');
      if (total > MAX_HEADER_BYTES || colon <= 0 || line.substring(0, colon).isBlank()
          || Character.isWhitespace(line.charAt(colon - 1))) {
        throw new MalformedResponse("bad header: " + line);
      }
      headers.merge(line.substring(0, colon), line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
    }
    return new Head(status, headers);
  }

  /** Up to {@code limit} bytes of the body after transfer- and content-decoding (gzip, deflate). */
  byte[] readBody(Head head, int limit) throws IOException {
    InputStream body;
    String transfer = head.headers().getOrDefault("Transfer-Encoding", "").toLowerCase(Locale.ROOT);
    if (transfer.contains("chunked")) {
      body = new ChunkedInputStream(in);
    } else if (head.headers().containsKey("Content-Length")) {
      long length = Long.parseLong(head.headers().get("Content-Length").trim());
      body = new BoundedInputStream(in, length);
    } else {
      body = in;
    }
    String encoding = head.headers().getOrDefault("Content-Encoding", "identity").toLowerCase(Locale.ROOT).trim();
    body = switch (encoding) {
      case "gzip", "x-gzip" -> new GZIPInputStream(body);
      case "deflate" -> new InflaterInputStream(body);
      default -> body;
    };
    return body.readNBytes(limit);
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new EOFException("connection closed in the response head");
      }
      if (line.size() > MAX_HEADER_BYTES) {
        throw new MalformedResponse("header line too long");
      }
      line.write(b);
    }
    String s = line.toString(StandardCharsets.ISO_8859_1);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  /** The response is not HTTP/1.x as RFC 9112 writes it. */
  static final class MalformedResponse extends IOException {
    MalformedResponse(String message) {
      super(message);
    }
  }

  /** A body of known length. */
  private static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;

    BoundedInputStream(InputStream in, long remaining) {
      this.in = in;
      this.remaining = remaining;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }
  }

  /** A chunked body (RFC 9112 §7.1); trailers are ignored. */
  private final class ChunkedInputStream extends InputStream {
    private final InputStream in;
    private long chunkLeft;
    private boolean done;

    ChunkedInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (done) {
        return -1;
      }
      if (chunkLeft == 0) {
        String size = readLine();
        int semicolon = size.indexOf(';');
        try {
          chunkLeft = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
        } catch (NumberFormatException e) {
          throw new MalformedResponse("bad chunk size: " + size);
        }
        if (chunkLeft == 0) {
          done = true;
          return -1;
        }
      }
      int n = in.read(b, off, (int) Math.min(len, chunkLeft));
      if (n < 0) {
        throw new EOFException("connection closed inside a chunk");
      }
      chunkLeft -= n;
      if (chunkLeft == 0) {
        readLine(); // the CRLF after the chunk data
      }
      return n;
    }
  }
}
