package dev.stratus.cloudfront.dataplane;

import java.util.List;
import java.util.Map;

/** What an origin (or origin group) gave for one request. */
sealed interface OriginReply {

  /** The origin answered. */
  record Answer(int status, List<Map.Entry<String, String>> headers, byte[] body) implements OriginReply {}

  /**
   * The origin could not be reached: refused or not connected in time (CloudFront: 502), or no
   * response within the read timeout (504).
   */
  record Unreachable(int status, String reason) implements OriginReply {}
}
