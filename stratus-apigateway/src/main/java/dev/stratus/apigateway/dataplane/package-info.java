/**
 * API Gateway's data planes: REST APIs at {@code {id}.execute-api.{region}.localhost/{stage}/…}
 * (and by Host header on the API port), built from committed state as a projection.
 */
package dev.stratus.apigateway.dataplane;
