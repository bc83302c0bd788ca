/**
 * Network value types shared by services: {@link dev.stratus.core.net.Cidr} blocks (IPv4 and
 * IPv6) and {@link dev.stratus.core.net.PortRange}s. Both parse, never merely validate: a
 * constructed value is canonical and valid for life.
 */
package dev.stratus.core.net;
