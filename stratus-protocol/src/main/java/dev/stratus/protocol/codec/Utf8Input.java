package dev.stratus.protocol.codec;

import dev.stratus.protocol.WireRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Refuses input that is not UTF-8: AWS's APIs take UTF-8 text only, and bytes that decode to
 * U+FFFD would otherwise be stored (a security group named "\uFFFD\uFFFD") and echoed back.
 */
public final class Utf8Input {

  /*
   * Checked: the raw body; for form bodies (query and EC2 protocols) also the bytes behind the
   * %XX escapes; the %XX-decoded path. Query-string values arrive already decoded (WireRequest),
   * so there a U+FFFD stands for bytes that were not UTF-8.
   */

  static final String MESSAGE = "The request contains bytes that are not valid UTF-8.";

  private Utf8Input() {}

  /** @throws WireFormatException (malformed body) when any part of {@code request} is not UTF-8 */
  public static void check(WireRequest request) {
    boolean ok = valid(request.body())
        && (!isForm(request) || valid(percentDecoded(request.body())))
        && valid(percentDecoded(request.path().getBytes(StandardCharsets.ISO_8859_1)))
        && request.query().values().stream().flatMap(List::stream).noneMatch(v -> v.indexOf('\uFFFD') >= 0);
    if (!ok) {
      throw WireFormatException.malformed(MESSAGE);
    }
  }

  private static boolean isForm(WireRequest request) {
    String type = request.header("Content-Type");
    return request.body().length > 0
        && (type == null || type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded"));
  }

  static boolean valid(byte[] bytes) {
    for (byte b : bytes) { // all-ASCII (the usual case) needs no decoder
      if (b < 0) {
        try {
          StandardCharsets.UTF_8.newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes));
          return true;
        } catch (CharacterCodingException e) {
          return false;
        }
      }
    }
    return true;
  }

  /** The bytes behind %XX escapes (other bytes as they are; a broken escape stays literal). */
  static byte[] percentDecoded(byte[] in) {
    byte[] out = null;
    int n = 0;
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
        if (out == null) {
          out = new byte[in.length];
          System.arraycopy(in, 0, out, 0, i);
          n = i;
        }
        out[n++] = (byte) (hex(in[i + 1]) << 4 | hex(in[i + 2]));
        i += 2;
      } else if (out != null) {
        out[n++] = in[i];
      }
    }
    return out == null ? in : java.util.Arrays.copyOf(out, n);
  }

  private static int hex(byte b) {
    return Character.digit(b, 16);
  }
}
