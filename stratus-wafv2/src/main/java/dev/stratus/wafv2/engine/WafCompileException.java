package dev.stratus.wafv2.engine;

/** A web ACL the engine cannot compile: a missing referenced set or group, a bad regex, a malformed statement. */
public final class WafCompileException extends RuntimeException {
  public WafCompileException(String message) { super(message); }
}
