package dev.stratus.apigateway;

import java.util.List;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;

/**
 * API Gateway's JSON-Patch-like updates: each operation names a path ({@code /name},
 * {@code /variables/url}, {@code /~1pets/GET/throttling/rateLimit}); {@code ~1} stands for
 * {@code /} and {@code ~0} for {@code ~} inside a segment. An unsupported path answers AWS's
 * BadRequestException naming it.
 */
final class Patches {
  private Patches() {}

  /** What an update does with one operation. */
  @FunctionalInterface
  interface Applier {
    /** @return false when the path is not one this resource has */
    boolean apply(String op, String[] segments, String value);
  }

  static void apply(List<PatchOperation> ops, Applier applier) {
    if (ops == null) return;
    for (PatchOperation p : ops) {
      String path = p.path() == null ? "" : p.path();
      String[] segments = path.startsWith("/") ? path.substring(1).split("/", -1) : path.split("/", -1);
      String op = p.opAsString() == null ? "replace" : p.opAsString();
      if (!applier.apply(op, segments, p.value())) {
        throw ApiGatewayErrors.badRequest("Invalid patch path " + path);
      }
    }
  }

  static String unescape(String segment) { return segment.replace("~1", "/").replace("~0", "~"); }

  static boolean bool(String value) { return Boolean.parseBoolean(value); }

  static String path(String[] segments, int from) {
    return String.join("/", java.util.Arrays.copyOfRange(segments, from, segments.length));
  }
}
