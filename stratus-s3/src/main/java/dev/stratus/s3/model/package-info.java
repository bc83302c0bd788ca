/** S3's rules as pure records and functions: bucket names, listings, preconditions, ranges, policies, websites. */
package dev.stratus.s3.model;
