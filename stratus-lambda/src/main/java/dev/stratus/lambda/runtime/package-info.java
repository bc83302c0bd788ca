/**
 * Functions running on this machine: deployment packages extracted under the data directory,
 * execution environments (one interpreter process each, fed through its own Lambda runtime API
 * server on a loopback port), warm reuse and concurrency by more environments.
 */
package dev.stratus.lambda.runtime;
