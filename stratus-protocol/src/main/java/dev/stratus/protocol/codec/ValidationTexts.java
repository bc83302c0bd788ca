package dev.stratus.protocol.codec;

/** AWS's "1 validation error detected" texts, shared by the query, JSON and REST tables. */
final class ValidationTexts {
  private ValidationTexts() {}

  /** E.g. {@code 1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null}. */
  static String oneError(WireFormatException p) {
    String member = lowerFirst(p.member());
    return switch (p.kind()) {
      case MISSING_MEMBER -> "1 validation error detected: Value null at '" + member
          + "' failed to satisfy constraint: Member must not be null";
      case WRONG_TYPE -> "1 validation error detected: Value '" + InputLimits.cut(p.value()) + "' at '" + member
          + "' failed to satisfy constraint: Member must have the type of its shape";
      case MALFORMED_BODY -> "The request body could not be parsed: " + p.value();
      case CONSTRAINT -> p.value();
    };
  }

  static String lowerFirst(String s) {
    if (s == null || s.isEmpty()) return s;
    return Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
