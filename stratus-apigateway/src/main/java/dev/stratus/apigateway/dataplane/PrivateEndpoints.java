package dev.stratus.apigateway.dataplane;

import io.netty.handler.codec.http.HttpRequest;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a request to a PRIVATE REST API comes "through an interface VPC endpoint" for
 * execute-api, decided by the names AWS gives such requests (on the API port, by Host header):
 * <ul>
 *   <li>the endpoint's own DNS name, {@code vpce-0abc…-x1y2z3.execute-api.{region}.vpce.amazonaws.com}
 *       (or a zonal one; EC2's names in Stratus have no {@code -x1y2z3}), with the API chosen by the
 *       {@code x-apigw-api-id} header;
 *   <li>the Route 53 alias AWS creates per API and endpoint, {@code {api-id}-vpce-0abc….execute-api.{region}.amazonaws.com}.
 * </ul>
 * The endpoint id comes from the name (not checked against EC2: there is no core contract for
 * VPC endpoints yet). A client's own {@code x-amzn-vpce-id} header is never trusted: only a
 * request stamped here with this process's token carries a source VPC endpoint, which
 * {@code aws:SourceVpce} conditions see and the integration receives as {@code x-amzn-vpce-id}.
 */
final class PrivateEndpoints {
  static final String VPCE_HEADER = "x-amzn-vpce-id";
  private static final String MARK = "x-stratus-vpce-mark";
  private static final String TOKEN = UUID.randomUUID().toString();
  private static final Pattern ENDPOINT_NAME =
      Pattern.compile("(vpce-[0-9a-f]+)(?:-[0-9a-z]+(?:-[a-z0-9-]+)?)?\\.execute-api\\.[a-z0-9-]+\\.vpce\\.amazonaws\\.com");
  private static final Pattern ALIAS_NAME =
      Pattern.compile("([a-z0-9]{10})-(vpce-[0-9a-f]+)\\.execute-api\\.[a-z0-9-]+\\.amazonaws\\.com");

  private PrivateEndpoints() {}

  /** The API and endpoint a request names, or null when it is not addressed through an endpoint. */
  record Via(String apiId, String vpceId) {}

  static Via parse(HttpRequest request) {
    String host = request.headers().get("Host");
    if (host == null) return null;
    int colon = host.indexOf(':');
    host = (colon < 0 ? host : host.substring(0, colon)).toLowerCase(Locale.ROOT);
    if (!host.endsWith(".amazonaws.com") || !host.contains(".execute-api.")) return null;
    Matcher m = ENDPOINT_NAME.matcher(host);
    if (m.matches()) {
      String apiId = request.headers().get("x-apigw-api-id");
      return apiId == null ? null : new Via(apiId, m.group(1));
    }
    m = ALIAS_NAME.matcher(host);
    return m.matches() ? new Via(m.group(1), m.group(2)) : null;
  }

  /** Marks a request as having come through {@code vpceId}. */
  static void stamp(HttpRequest request, String vpceId) {
    request.headers().set(VPCE_HEADER, vpceId);
    request.headers().set(MARK, TOKEN);
  }

  /** The endpoint a request came through (null: not through one); drops the mark and any forged header. */
  static String sourceVpce(HttpRequest request) {
    boolean stamped = TOKEN.equals(request.headers().get(MARK));
    request.headers().remove(MARK);
    if (!stamped) {
      request.headers().remove(VPCE_HEADER);
      return null;
    }
    return request.headers().get(VPCE_HEADER);
  }
}
