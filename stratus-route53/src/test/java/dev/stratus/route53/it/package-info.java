/**
 * Route 53 through the real AWS SDK v2 {@code Route53Client} against a Stratus API server on a
 * random port: every operation, and the refusals AWS answers, as AWS error codes on the wire.
 */
package dev.stratus.route53.it;
