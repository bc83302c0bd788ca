/**
 * What other services may ask Elastic Load Balancing: {@link dev.stratus.core.elb.LoadBalancers},
 * provided by the ELBv2 module through {@link dev.stratus.core.Extensions} (Global Accelerator
 * endpoints, WAF associations, API Gateway VPC links).
 */
package dev.stratus.core.elb;
