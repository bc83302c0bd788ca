/**
 * EC2 API groups "Internet gateways", "Egress-only internet gateways", "NAT gateways" and
 * "Elastic IP addresses": handlers, their rules ({@code GatewayRules}) and SDK shapes
 * ({@code GatewayShapes}).
 */
package dev.stratus.ec2.gateways;
