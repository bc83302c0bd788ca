/**
 * What callers of Lambda functions ask: {@link dev.stratus.core.lambda.FunctionInvoker}, provided
 * by the Lambda module through {@link dev.stratus.core.Extensions} (API Gateway integrations and
 * authorizers, ALB {@code lambda} target groups).
 */
package dev.stratus.core.lambda;
