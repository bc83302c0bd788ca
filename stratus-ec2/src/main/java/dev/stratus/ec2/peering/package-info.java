/**
 * EC2 API group "VPC peering connections": the handler and its rules ({@code PeeringRules}).
 */
package dev.stratus.ec2.peering;
