package dev.stratus.s3;

import dev.stratus.protocol.WireRequest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * A presigned URL past its lifetime is refused with S3's 403 AccessDenied "Request has expired":
 * SigV4 ({@code X-Amz-Date} + {@code X-Amz-Expires} seconds) or SigV2 ({@code Expires}, epoch
 * seconds). Signatures themselves are not verified, as nowhere in Stratus.
 */
final class PresignedExpiry {
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private PresignedExpiry() {}

  static void check(WireRequest wire, Instant now) {
    String date = wire.queryParam("X-Amz-Date");
    String expires = wire.queryParam("X-Amz-Expires");
    if (wire.queryParam("X-Amz-Credential") != null && date != null && expires != null) {
      try {
        Instant end = LocalDateTime.parse(date, AMZ_DATE).toInstant(ZoneOffset.UTC).plusSeconds(Long.parseLong(expires));
        if (now.isAfter(end)) throw S3Errors.requestExpired(S3Xml.timestamp(end).replace(".000Z", "Z"), now);
      } catch (DateTimeParseException | NumberFormatException e) {
        // malformed: S3 would refuse the signature; Stratus does not check signatures
      }
      return;
    }
    String v2 = wire.queryParam("Expires");
    if (wire.queryParam("AWSAccessKeyId") != null && v2 != null) {
      try {
        Instant end = Instant.ofEpochSecond(Long.parseLong(v2));
        if (now.isAfter(end)) throw S3Errors.requestExpired(S3Xml.timestamp(end).replace(".000Z", "Z"), now);
      } catch (NumberFormatException e) {
        // as above
      }
    }
  }
}
