/**
 * Route 53-style endpoint health checking: the checker configuration, the pure state machine that
 * turns consecutive probe results into a status (FailureThreshold, Inverted, Disabled,
 * CALCULATED), the real HTTP/HTTPS/TCP probes (non-blocking, on the shared transport's event
 * loops), and the scheduler that runs them and tells listeners when a status flips
 * (aws-behaviour/route53.md §22–30). Stratus's one prober: Route 53 health checks, ELB target
 * health and Global Accelerator endpoint checks all run here, on one shared timer thread.
 */
package dev.stratus.net.health;
