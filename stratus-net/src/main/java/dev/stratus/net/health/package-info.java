/**
 * Route 53-style endpoint health checking: the checker configuration, the pure state machine that
 * turns consecutive probe results into a status (FailureThreshold, Inverted, Disabled,
 * CALCULATED), the real HTTP/HTTPS/TCP probes, and the scheduler that runs them and tells
 * listeners when a status flips (aws-behaviour/route53.md §22–30).
 */
package dev.stratus.net.health;
