/** STS: the API handlers, AWS's errors, and who signs a request (caller identities). */
package dev.stratus.sts;
