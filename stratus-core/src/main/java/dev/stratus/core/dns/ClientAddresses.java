package dev.stratus.core.dns;

import java.net.InetAddress;
import java.util.List;

/**
 * The addresses a name answers for one client, when they depend on who asks: CloudFront answers
 * a distribution's name with the edge nearest the viewer, Global Accelerator could answer with
 * the nearest edge's static addresses. Called on the DNS event loop: answer from memory, never
 * block.
 */
@FunctionalInterface
public interface ClientAddresses {

  /** IPv4 and IPv6 addresses for {@code client}; A queries get the IPv4 ones, AAAA the IPv6 ones. */
  List<InetAddress> addresses(DnsQueryClient client);
}
