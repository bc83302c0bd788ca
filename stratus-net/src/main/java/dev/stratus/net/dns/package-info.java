/**
 * The DNS server plumbing every Stratus DNS data plane shares: Netty UDP and TCP listeners on one
 * port, the wire codecs (dnsjava messages, truncation, EDNS0 and client-subnet handling), and the
 * {@link dev.stratus.net.dns.DnsAnswerer} seam a service plugs its authoritative answers into.
 */
package dev.stratus.net.dns;
