/**
 * EC2 API groups "VPC endpoints" and "VPC endpoint services": handlers, their rules
 * ({@code EndpointRules}) and SDK shapes.
 */
package dev.stratus.ec2.endpoints;
