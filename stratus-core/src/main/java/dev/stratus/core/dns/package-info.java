/**
 * DNS names that AWS services hand out (load balancers, distributions, accelerators, APIs) and
 * the addresses behind them, as one registry the services write and Route 53 reads.
 */
package dev.stratus.core.dns;
