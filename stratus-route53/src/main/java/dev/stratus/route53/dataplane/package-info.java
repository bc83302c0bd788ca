/**
 * Route 53's data plane: immutable per-zone snapshots built from committed state, the pure
 * routing-policy selection, the authoritative DNS answerer, and the wiring that keeps them in
 * step with store change events and health-check results (ARCHITECTURE rule 2).
 */
package dev.stratus.route53.dataplane;
