package dev.stratus.s3;

import dev.stratus.core.s3.ObjectReader;
import dev.stratus.s3.model.Caller;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link ObjectReader} over the S3 API: a GET signed by the account, as on the API port. */
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
  public Result read(String accountId, String bucket, String key, Optional<String> versionId) {
    Map<String, List<String>> query = versionId.map(v -> Map.of("versionId", List.of(v))).orElse(Map.of());
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    S3Response r = api.handle(new S3Request("GET", bucket, key, query, Map.of(), S3Response.EMPTY,
        new Caller.Account(accountId), accountId, "us-east-1", id, clock.instant(), bucket + ".s3.us-east-1.amazonaws.com", false));
    if (r.status() == 200) return new Result.Found(r.body());
    String xml = new String(r.body(), StandardCharsets.UTF_8);
    Matcher code = CODE.matcher(xml);
    Matcher message = MESSAGE.matcher(xml);
    return new Result.Refused(code.find() ? code.group(1) : String.valueOf(r.status()), message.find() ? message.group(1) : "");
  }
}
