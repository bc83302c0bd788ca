/**
 * EC2 API group "VPC peering connections".
 */
package dev.stratus.ec2.peering;
