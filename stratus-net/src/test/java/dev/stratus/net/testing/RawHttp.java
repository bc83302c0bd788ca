package dev.stratus.net.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Raw bytes over a real socket, for requests no HTTP client would send. */
public final class RawHttp {
  private RawHttp() {}

  /** Sends {@code request} and reads until the server closes or goes quiet for 2 s. */
  public static String exchange(InetSocketAddress server, String request) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(server, 2_000);
      s.setSoTimeout(2_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      return readAll(s.getInputStream());
    }
  }

  public static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      for (int n; (n = in.read(buf)) > 0; ) out.write(buf, 0, n);
    } catch (SocketTimeoutException e) {
      // quiet: return what came
    } catch (IOException e) {
      if (out.size() == 0) throw e;
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  /** The status code of the first response in {@code raw}, or -1 when there is none. */
  public static int status(String raw) {
    if (!raw.startsWith("HTTP/1.")) return -1;
    return Integer.parseInt(raw.substring(9, 12));
  }

  /** True when the server closed {@code s} (read returns -1 or the connection resets) within the socket timeout. */
  public static boolean closedByServer(Socket s) {
    try {
      return s.getInputStream().read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
