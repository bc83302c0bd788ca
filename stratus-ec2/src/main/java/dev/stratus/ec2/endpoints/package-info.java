/**
 * EC2 API groups "VPC endpoints" and "VPC endpoint services": handlers and SDK shapes.
 */
package dev.stratus.ec2.endpoints;
