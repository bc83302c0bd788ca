/** AWS WAF v2: the API handlers, AWS's errors, and the shapes between the SDK and our model. */
package dev.stratus.wafv2;
