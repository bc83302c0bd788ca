/**
 * Route 53's resources as pure records and the rules that govern them: hosted zones, resource
 * record sets with their routing policies, alias targets, health checks, CIDR collections and
 * reusable delegation sets, plus the change-batch validator, DNS name rules and Route 53's
 * geolocation table. Nothing here imports the AWS SDK or does I/O; the handlers in
 * {@code dev.stratus.route53} convert SDK shapes to these records, and the data plane reads them
 * from the {@link dev.stratus.route53.model.Route53Tables} store tables.
 *
 * <p>Conventions: DNS names are stored lower-case, fully qualified with a trailing dot
 * ({@link dev.stratus.route53.model.DnsName}); ids are stored bare ({@code Z…}, {@code C…},
 * UUIDs), never with AWS's {@code /hostedzone/} prefix; optional fields are {@code Optional},
 * never null.
 */
package dev.stratus.route53.model;
