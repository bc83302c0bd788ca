package dev.stratus.apigateway;

/** The account-level throttle shared by REST, HTTP and WebSocket APIs per Region: 10,000 rps, burst 5,000 (apigateway.md §4). */
final class AccountLimits {
  static final double ACCOUNT_RATE = 10_000;
  static final int ACCOUNT_BURST = 5_000;

  private AccountLimits() {}
}
