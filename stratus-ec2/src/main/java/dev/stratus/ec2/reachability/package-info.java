/**
 * The VPC Reachability Analyzer engine: a neutral network model (records, no SDK types), an
 * importer and exporter for {@code aws ec2 describe-*} JSON, the hop-by-hop path analysis behind
 * Network Insights ({@link dev.stratus.ec2.reachability.ReachabilityAnalysis}) and the
 * configuration audit ({@link dev.stratus.ec2.reachability.NetworkAudit}).
 *
 * <p>Everything here is pure: no clock, sockets, threads or store. AWS rules are cited as
 * {@code aws-behaviour/vpc.md §n}.
 */
/*
 * How it fits together (read in this order):
 *
 *  - Model: Network holds one list per AWS resource type, each the control plane's own record
 *    (ec2.model.Vpc, Subnet, RouteTable, SecurityGroup, NetworkAcl, NetworkInterface, Instance,
 *    InternetGateway, NatGateway, VpcPeeringConnection, TransitGateway, TransitGatewayAttachment,
 *    TransitGatewayRouteTable, VpcEndpoint, VpnGateway, VpnConnection, CustomerGateway,
 *    ManagedPrefixList), with its Region, account and tags beside it in Network.placements.
 *    NetworkIndex resolves each subnet's route table and NACL (explicit association, else
 *    main/default), each interface's owner (InterfaceOwner: its instance, the NAT gateway or
 *    endpoint listing it, else what its type and description say), compiles each security
 *    group's rules once (SecurityGroupEvaluation.Rules), and ranks each transit gateway route by
 *    its attachment's resource type (the stored route names only the attachment).
 *  - Import/export: ReachabilityImport reads <dir>/<region>/<command>[.<id>].json through the
 *    checking DescribeFile reader (VpcImport, InterfaceImport, TransitImport); a bad file is a
 *    Problem, not an exception. insights.DescribeExport writes that layout from a running endpoint.
 *  - Analysis: NetworkIndex indexes a Network once (ids, interfaces by VPC+address, PrefixTable per
 *    route table). PathEndpoints resolves a Query to a start, a first packet header and a target.
 *    PathTracer walks the packet (interfaces, subnets, route tables), GatewayHops the gateways; the
 *    rule classes RouteSelection, TransitGatewayRouteSelection, SecurityGroupEvaluation and
 *    NetworkAclEvaluation decide each hop and return the matched rule for the path component. The
 *    return path is the same walk in reply mode (no SG checks, NAT undone).
 *  - Results: ReachabilityVerdict (PathComponent hops with AnalysisRule matches, Explanation with
 *    ExplanationCode), rendered by toText().
 *
 * Semantics: addresses are concrete (defaults in PathEndpoints), ports are ranges narrowed by the
 * rules they pass, so "found" means some packet of the query passes both ways (as AWS reports).
 * Fail closed: unknown protocols, targets, groups or NACLs match nothing or drop.
 */
package dev.stratus.ec2.reachability;
