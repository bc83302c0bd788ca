/**
 * EC2 API group "Transit gateways": transit gateways, attachments and route tables, their rules
 * ({@code TransitGatewayRules}), route propagation and association ({@code TgwRouting}), and the
 * connectivity half of the reachability snapshot ({@code TransitSnapshot}: peering, transit
 * gateways, VPN).
 */
package dev.stratus.ec2.transit;
