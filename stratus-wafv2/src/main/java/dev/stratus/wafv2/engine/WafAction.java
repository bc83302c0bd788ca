package dev.stratus.wafv2.engine;

/** A rule action in AWS's words; ALLOW, BLOCK and, without a valid token, CAPTCHA/CHALLENGE terminate. */
public enum WafAction {
  ALLOW, BLOCK, COUNT, CAPTCHA, CHALLENGE;

  /** The name AWS writes in logs and sampled requests. */
  public String awsName() {
    return name();
  }
}
