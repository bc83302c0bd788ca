/**
 * WAF in the traffic path: {@link dev.stratus.wafv2.dataplane.WafDataPlane} projects web ACLs and
 * their associations into filters in the WAF slot of core's HttpFilterRegistry, evaluating through
 * {@link dev.stratus.wafv2.dataplane.AclEngine}; the counters and samples AWS reads back
 * (metrics, GetSampledRequests) and the WAF log lines live here.
 */
package dev.stratus.wafv2.dataplane;
