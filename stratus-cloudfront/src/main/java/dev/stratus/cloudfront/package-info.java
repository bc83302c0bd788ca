/** CloudFront: the API handlers, AWS's errors, and the shapes between the SDK and our model. */
package dev.stratus.cloudfront;
