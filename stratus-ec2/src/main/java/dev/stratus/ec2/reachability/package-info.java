/**
 * The VPC Reachability Analyzer engine: a neutral network model (records, no SDK types), an
 * importer and exporter for {@code aws ec2 describe-*} JSON, the hop-by-hop path analysis behind
 * Network Insights ({@link dev.stratus.ec2.reachability.ReachabilityAnalysis}) and the
 * configuration audit ({@link dev.stratus.ec2.reachability.NetworkAudit}).
 *
 * <p>Everything here is pure: no clock, sockets, threads or store. AWS rules are cited as
 * {@code aws-behaviour/vpc.md §n}.
 */
package dev.stratus.ec2.reachability;
