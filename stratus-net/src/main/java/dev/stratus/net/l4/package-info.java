/**
 * Layer-4 proxies for NLB and Global Accelerator listeners: {@link dev.stratus.net.l4.TcpProxy}
 * (spliced connections, backpressure, PROXY protocol v2, idle timeout) and {@link
 * dev.stratus.net.l4.UdpProxy} (flows keyed by the client's 5-tuple, replies from the listener's
 * address, idle timeout).
 */
package dev.stratus.net.l4;
