/**
 * EC2 API group "Site-to-Site VPN": customer gateways, virtual private gateways, VPN connections,
 * their rules ({@code VpnRules}) and their propagated routes ({@code VpnRouting}).
 */
package dev.stratus.ec2.vpn;
