/** Test support for S3: a resolver that sends every {@code *.localhost} name to 127.0.0.1. */
package dev.stratus.s3.testing;
