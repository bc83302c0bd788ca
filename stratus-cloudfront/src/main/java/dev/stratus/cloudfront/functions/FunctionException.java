package dev.stratus.cloudfront.functions;

/** Code the runtime refuses before any run: too large (10 KB) or not valid JavaScript. */
public final class FunctionException extends RuntimeException {
  /** Why: AWS's words for the control plane to pick its error code from. */
  public enum Kind { SIZE_LIMIT_EXCEEDED, SYNTAX_ERROR }

  private final Kind kind;

  public FunctionException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() { return kind; }
}
