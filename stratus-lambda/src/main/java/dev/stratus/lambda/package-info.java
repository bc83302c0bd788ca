/**
 * Lambda inside Stratus, as much as API Gateway, ALB and their authorizers need: the function
 * API over the store ({@link dev.stratus.lambda.FunctionOperations},
 * {@link dev.stratus.lambda.PermissionOperations}), and functions run on this machine's Python
 * and Node.js through the Lambda runtime API ({@link dev.stratus.lambda.runtime}).
 */
package dev.stratus.lambda;
