package dev.stratus.route53.model;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The records Route 53 creates at a new zone's apex (route53.md §38): an NS record with four
 * awsdns-style name servers and an SOA naming the first of them.
 */
public final class ZoneApex {
  /*
   * AWS assigns each zone four name servers from different top-level domains, shaped
   * ns-<0..2047>.awsdns-<00..63>.<com|net|org|co.uk>. The SOA is
   * "<name server> awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400" — route53.md's
   * example shows hostmaster.example.com. (the docs' placeholder); real zones carry
   * awsdns-hostmaster.amazon.com., which Stratus follows. The serial is never incremented.
   */

  /** TTL of the apex NS record, seconds (route53.md §38: 2 days). */
  public static final long NS_TTL = 172_800;
  /** TTL of the apex SOA record, seconds (route53.md §38: 15 minutes). */
  public static final long SOA_TTL = 900;
  /** The SOA fields after the primary name server: admin mailbox, serial, refresh, retry, expire, minimum. */
  public static final String SOA_TAIL = "awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400";

  private static final List<String> TLDS = List.of("com", "net", "org", "co.uk");

  private ZoneApex() {}

  /** Four name servers (no trailing dot, as DelegationSet lists them), one per TLD. */
  public static List<String> nameServers(RandomGenerator random) {
    var servers = new ArrayList<String>();
    for (String tld : TLDS) {
      servers.add("ns-" + random.nextInt(2048) + ".awsdns-" + String.format("%02d", random.nextInt(64)) + "." + tld);
    }
    return List.copyOf(servers);
  }

  /** The apex SOA and NS records of a zone served by {@code nameServers}. */
  public static List<ResourceRecordSet> records(String zoneName, List<String> nameServers) {
    var ns = nameServers.stream().map(s -> s.endsWith(".") ? s : s + ".").toList();
    return List.of(
        ResourceRecordSet.simple(zoneName, RrType.NS, NS_TTL, ns),
        ResourceRecordSet.simple(zoneName, RrType.SOA, SOA_TTL, List.of(ns.get(1) + " " + SOA_TAIL)));
  }

  /** Whether {@code rrs} is one of the apex records every zone must keep (the "required" sets of HostedZoneNotEmpty). */
  public static boolean required(String zoneName, ResourceRecordSet rrs) {
    return rrs.name().equals(zoneName) && (rrs.type() == RrType.NS || rrs.type() == RrType.SOA)
        && rrs.routing() instanceof RoutingPolicy.Simple;
  }
}
