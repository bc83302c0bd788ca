/**
 * Route 53's control plane: {@link dev.stratus.route53.Route53Module} and the thin typed handlers
 * (one class per family of the API reference: hosted zones, record sets, health checks, CIDR
 * collections, delegation sets, tags, geolocations and limits), the SDK ⇄ model converters
 * ({@code *Shapes}) and AWS's exact error texts ({@link dev.stratus.route53.Route53Errors}).
 * Rules live in {@code dev.stratus.route53.model}; the data plane reads the committed records.
 */
package dev.stratus.route53;
