package dev.stratus.route53;

import dev.stratus.core.RequestContext;
import dev.stratus.net.dns.ClientSubnet;
import dev.stratus.route53.dataplane.DnsQueryHandler;
import dev.stratus.route53.model.HostedZone;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.route53.model.TestDnsAnswerRequest;
import software.amazon.awssdk.services.route53.model.TestDnsAnswerResponse;

/**
 * TestDNSAnswer: what Route 53's name server answers for a name and type in a hosted zone, for a
 * given resolver and client subnet, decided by the same engine as the DNS server
 * ({@link DnsQueryHandler#answerInZone}).
 */
public final class TestDnsAnswerOperations {

  /*
   * AWS's defaults (API reference, TestDNSAnswer): without ResolverIP the tool asks from a
   * resolver in us-east-1; without EDNS0ClientSubnetMask the subnet is /24 for IPv4 and /64 for
   * IPv6. The answer reflects the data plane's current snapshot, which follows a committed change
   * within milliseconds (as AWS's follows within its propagation time).
   */

  /** Where the default resolver is: an address the bundled database places in the US (Amazon, Virginia). */
  static final String DEFAULT_RESOLVER = "3.80.0.1";
  /** Default ECS prefix length for IPv4 (API reference). */
  static final int DEFAULT_IPV4_MASK = 24;
  /** Default ECS prefix length for IPv6 (API reference). */
  static final int DEFAULT_IPV6_MASK = 64;

  private final Route53State state;
  private final DnsQueryHandler dns;

  TestDnsAnswerOperations(Route53State state, DnsQueryHandler dns) {
    this.state = Objects.requireNonNull(state, "state");
    this.dns = Objects.requireNonNull(dns, "dns");
  }

  public TestDnsAnswerResponse testDNSAnswer(RequestContext ctx, TestDnsAnswerRequest req) {
    HostedZone zone = Route53State.zone(state.store, ctx.globalScope(), req.hostedZoneId());
    if (req.recordName() == null || req.recordName().isEmpty()) throw Route53Errors.missing("recordName");
    if (req.recordTypeAsString() == null) throw Route53Errors.missing("recordType");
    int type = Type.value(req.recordTypeAsString());
    if (type < 0) {
      throw Route53Errors.constraint(req.recordTypeAsString(), "recordType",
          "Member must satisfy enum value set: [SOA, A, TXT, NS, CNAME, MX, NAPTR, PTR, SRV, SPF, AAAA, CAA, DS, TLSA, SSHFP, SVCB, HTTPS]");
    }
    Name name;
    try {
      name = Name.fromString(req.recordName(), Name.root);
    } catch (TextParseException e) {
      throw Route53Errors.invalidInput("Invalid record name: " + req.recordName());
    }
    InetAddress resolver = address(Optional.ofNullable(req.resolverIP()).orElse(DEFAULT_RESOLVER), "resolverIP");
    Optional<ClientSubnet> subnet = Optional.ofNullable(req.edns0ClientSubnetIP())
        .map(ip -> address(ip, "eDNS0ClientSubnetIP"))
        .map(ip -> new ClientSubnet(ip, mask(req.edns0ClientSubnetMask(), ip)));
    Record question = Record.newRecord(name, type, DClass.IN);
    var answer = dns.answerInZone(zone.id(), question, resolver, subnet);
    int rcode = answer.map(a -> a.response().getHeader().getRcode()).orElse(Rcode.SERVFAIL);
    List<String> data = answer.map(a -> a.response().getSection(Section.ANSWER).stream()
        .filter(r -> r.getType() == type).map(Record::rdataToString).toList()).orElse(List.of());
    return TestDnsAnswerResponse.builder()
        .nameserver(zone.nameServers().isEmpty() ? "ns-0.awsdns-00.com" : zone.nameServers().getFirst())
        .recordName(req.recordName())
        .recordType(req.recordTypeAsString())
        .recordData(data)
        .responseCode(Rcode.string(rcode))
        .protocol("UDP")
        .build();
  }

  private static InetAddress address(String text, String member) {
    if (!text.matches("[0-9a-fA-F:.]+")) {
      throw Route53Errors.invalidInput("Invalid IP address for " + member + ": " + text);
    }
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw Route53Errors.invalidInput("Invalid IP address for " + member + ": " + text);
    }
  }

  private static int mask(String text, InetAddress ip) {
    int max = ip.getAddress().length * 8;
    if (text == null) {
      return max == 32 ? DEFAULT_IPV4_MASK : DEFAULT_IPV6_MASK;
    }
    try {
      int m = Integer.parseInt(text);
      if (m >= 0 && m <= max) {
        return m;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw Route53Errors.invalidInput("Invalid EDNS0ClientSubnetMask for " + ip.getHostAddress() + ": " + text);
  }
}
