/**
 * Request routing: which service a request is for (SigV4 credential scope, X-Amz-Target,
 * path heuristics) and, for REST services, which operation (URI template + method).
 */
package dev.stratus.protocol.routing;
