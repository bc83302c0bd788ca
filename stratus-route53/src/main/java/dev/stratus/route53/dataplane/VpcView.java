package dev.stratus.route53.dataplane;

import dev.stratus.core.vpc.ResolverFacts;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.xbill.DNS.Address;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * One VPC as its Amazon DNS server sees it, precomputed for the DNS event loop: whether it
 * answers at all, whether private zones apply, and the names EC2 gives it (interface endpoint
 * names, EC2 private host names). Immutable.
 *
 * @param privateZones both DNS attributes on: private hosted zones and endpoint private DNS apply
 * @param endpointNames an endpoint's regional name always, and the service name it takes over
 *     ({@code secretsmanager.eu-west-1.amazonaws.com}) when private DNS works, → its private IPs
 * @param hostnames EC2 private host names → private IP
 * @param hostnameDomains the domains of those names ({@code ec2.internal}, {@code eu-west-1.compute.internal})
 */
record VpcView(String vpcId, Optional<String> region, boolean dnsSupport, boolean privateZones,
    Map<Name, List<InetAddress>> endpointNames, Map<Name, InetAddress> hostnames, List<Name> hostnameDomains) {

  private static final Logger LOG = Logger.getLogger(VpcView.class.getName());

  VpcView {
    endpointNames = Map.copyOf(endpointNames);
    hostnames = Map.copyOf(hostnames);
    hostnameDomains = List.copyOf(hostnameDomains);
  }

  /** The view of {@code vpc}; names or addresses that do not parse are left out (and logged). */
  static VpcView of(ResolverFacts.VpcDns vpc) {
    boolean both = vpc.enableDnsSupport() && vpc.enableDnsHostnames();
    Map<Name, List<InetAddress>> endpoints = new HashMap<>();
    for (ResolverFacts.EndpointDns e : vpc.endpoints()) {
      if (!e.state().equals("available")) {
        continue; // vpc.md §40: a pending or rejected connection carries nothing, its names neither
      }
      List<InetAddress> ips = e.privateIpAddresses().stream().map(VpcView::address).flatMap(Optional::stream).toList();
      e.regionalDnsName().flatMap(VpcView::name).ifPresent(n -> endpoints.put(n, ips));
      if (both && e.privateDnsEnabled()) {
        e.privateDnsNames().stream().map(VpcView::name).flatMap(Optional::stream).forEach(n -> endpoints.put(n, ips));
      }
    }
    Map<Name, InetAddress> hosts = new HashMap<>();
    List<Name> domains = new ArrayList<>();
    vpc.privateHostnames().forEach((host, ip) -> name(host).ifPresent(n -> address(ip).ifPresent(a -> {
      hosts.put(n, a);
      Name domain = ZoneSnapshot.parent(n);
      if (!domains.contains(domain)) {
        domains.add(domain);
      }
    })));
    return new VpcView(vpc.vpcId(), vpc.region(), vpc.enableDnsSupport(), both, endpoints, hosts, domains);
  }

  /** A literal IP address (never a DNS lookup). */
  static Optional<InetAddress> address(String text) {
    try {
      return Optional.of(Address.getByAddress(text));
    } catch (UnknownHostException e) {
      LOG.log(Level.FINE, "not an IP address: " + text);
      return Optional.empty();
    }
  }

  private static Optional<Name> name(String text) {
    try {
      return Optional.of(Name.fromString(text.toLowerCase(Locale.ROOT), Name.root));
    } catch (TextParseException e) {
      LOG.log(Level.FINE, "not a DNS name: " + text);
      return Optional.empty();
    }
  }
}
