package dev.stratus.s3;

import dev.stratus.core.s3.ObjectReader;
import dev.stratus.s3.model.Caller;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link ObjectReader}: a GetObject signed by the account, through the same handler as the API port. */
final class S3ObjectReader implements ObjectReader {
  private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");
  private static final Pattern MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");

  private final S3Api api;
  private final Clock clock;

  S3ObjectReader(S3Api api, Clock clock) {
    this.api = api;
    this.clock = clock;
  }

  @Override
  public ObjectRead read(String accountId, String bucket, String key, String versionId) {
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
    Map<String, List<String>> query = versionId == null ? Map.of() : Map.of("versionId", List.of(versionId));
    S3Response s;
    try {
      s = api.handle(new S3Request("GET", bucket, key, query, Map.of(), S3Response.EMPTY, new Caller.Account(accountId),
          accountId, "us-east-1", id, clock.instant(), bucket + ".s3.us-east-1.amazonaws.com", false));
    } catch (RuntimeException e) {
      return new ObjectRead(500, new byte[0], "InternalError", "We encountered an internal error. Please try again.");
    }
    if (s.status() == 200) return new ObjectRead(200, s.body(), null, null);
    String xml = new String(s.body(), StandardCharsets.UTF_8);
    return new ObjectRead(s.status(), new byte[0], first(CODE, xml), first(MESSAGE, xml));
  }

  private static String first(Pattern p, String xml) {
    Matcher m = p.matcher(xml);
    return m.find() ? m.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">") : null;
  }
}
