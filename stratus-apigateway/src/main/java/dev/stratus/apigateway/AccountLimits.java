package dev.stratus.apigateway;

/**
 * The account-level throttle shared by REST, HTTP and WebSocket APIs per Region: 10,000 rps,
 * burst 5,000 (apigateway.md §4). AWS raises it on request (Service Quotas), and so may a user
 * of Stratus: {@code -Dstratus.apigateway.accountRate=…} and {@code …accountBurst=…}, e.g. to
 * measure the data plane beyond it.
 */
public final class AccountLimits {
  public static final double ACCOUNT_RATE = Double.parseDouble(System.getProperty("stratus.apigateway.accountRate", "10000"));
  public static final int ACCOUNT_BURST = Integer.getInteger("stratus.apigateway.accountBurst", 5_000);

  private AccountLimits() {}
}
