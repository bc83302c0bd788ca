/**
 * The AWS API front door: {@link dev.stratus.protocol.AwsApiServer} accepts SigV4-signed HTTP,
 * routes it to a service and operation, decodes it with the service's wire protocol into the
 * AWS SDK v2 request object, calls the handler found by {@link
 * dev.stratus.protocol.OperationRegistry}, and encodes the SDK response (or the AWS-shaped
 * error) back onto the wire.
 */
package dev.stratus.protocol;
