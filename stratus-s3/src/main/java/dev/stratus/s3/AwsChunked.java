package dev.stratus.s3;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes the {@code aws-chunked} bodies newer SDKs and the CLI send
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html): chunks
 * {@code hex-size[;chunk-signature=…]\r\n data \r\n}, a zero-size chunk, then optional trailing
 * headers (a checksum such as {@code x-amz-checksum-crc32}) and an empty line. Chunk signatures
 * are not verified, as Stratus verifies no signature.
 */
final class AwsChunked {
  /** The decoded payload and the trailing headers (lower-case names). */
  record Decoded(byte[] payload, Map<String, String> trailers) {}

  private AwsChunked() {}

  /** Whether a request body is aws-chunked. */
  static boolean applies(Map<String, String> headers) {
    String sha = headers.get("x-amz-content-sha256");
    String encoding = headers.get("content-encoding");
    return (sha != null && sha.startsWith("STREAMING-"))
        || (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("aws-chunked"));
  }

  static Decoded decode(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
    Map<String, String> trailers = new TreeMap<>();
    int i = 0;
    while (true) {
      int eol = indexOfCrlf(body, i);
      if (eol < 0) throw S3Errors.invalidRequest("Malformed aws-chunked body");
      String line = new String(body, i, eol - i, StandardCharsets.US_ASCII);
      int semi = line.indexOf(';');
      long size;
      try {
        size = Long.parseLong((semi < 0 ? line : line.substring(0, semi)).trim(), 16);
      } catch (NumberFormatException e) {
        throw S3Errors.invalidRequest("Malformed aws-chunked body");
      }
      i = eol + 2;
      if (size == 0) break;
      if (size > body.length - i) throw S3Errors.invalidRequest("Malformed aws-chunked body");
      out.write(body, i, (int) size);
      i += (int) size;
      if (i + 2 <= body.length && body[i] == '\r' && body[i + 1] == '\n') i += 2;
    }
    while (i < body.length) {
      int eol = indexOfCrlf(body, i);
      int end = eol < 0 ? body.length : eol;
      String line = new String(body, i, end - i, StandardCharsets.US_ASCII);
      i = eol < 0 ? body.length : eol + 2;
      if (line.isEmpty()) continue;
      int colon = line.indexOf(':');
      if (colon > 0) trailers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
    }
    return new Decoded(out.toByteArray(), trailers);
  }

  /**
   * Decodes an aws-chunked body from {@code in} to {@code out} a chunk at a time (a spooled
   * upload of up to 5 GiB); returns the trailing headers.
   */
  static Map<String, String> decode(java.io.InputStream in, java.io.OutputStream out) throws java.io.IOException {
    Map<String, String> trailers = new TreeMap<>();
    byte[] buf = new byte[64 * 1024];
    while (true) {
      String line = readLine(in);
      if (line == null) throw S3Errors.invalidRequest("Malformed aws-chunked body");
      int semi = line.indexOf(';');
      long size;
      try {
        size = Long.parseLong((semi < 0 ? line : line.substring(0, semi)).trim(), 16);
      } catch (NumberFormatException e) {
        throw S3Errors.invalidRequest("Malformed aws-chunked body");
      }
      if (size < 0) throw S3Errors.invalidRequest("Malformed aws-chunked body");
      if (size == 0) break;
      long left = size;
      while (left > 0) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) throw S3Errors.invalidRequest("Malformed aws-chunked body");
        out.write(buf, 0, n);
        left -= n;
      }
      String end = readLine(in); // the CRLF after the data
      if (end == null || !end.isEmpty()) throw S3Errors.invalidRequest("Malformed aws-chunked body");
    }
    String line;
    while ((line = readLine(in)) != null) {
      if (line.isEmpty()) continue;
      int colon = line.indexOf(':');
      if (colon > 0) trailers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
    }
    return trailers;
  }

  /** A line up to CRLF (or LF), without it; null at the end of the stream; at most 8 KiB. */
  private static String readLine(java.io.InputStream in) throws java.io.IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        int len = line.length();
        if (len > 0 && line.charAt(len - 1) == '\r') line.setLength(len - 1);
        return line.toString();
      }
      if (line.length() >= 8192) throw S3Errors.invalidRequest("Malformed aws-chunked body");
      line.append((char) c);
    }
    return line.isEmpty() ? null : line.toString();
  }

  private static int indexOfCrlf(byte[] b, int from) {
    for (int i = from; i + 1 < b.length; i++) if (b[i] == '\r' && b[i + 1] == '\n') return i;
    return -1;
  }
}
