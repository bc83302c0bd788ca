package dev.stratus.route53.dataplane;

import dev.stratus.core.vpc.ResolverFacts;
import dev.stratus.net.dns.ClientSubnet;
import dev.stratus.net.dns.DnsAnswer;
import dev.stratus.net.dns.DnsAnswerer;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The Amazon DNS server of each VPC (Route 53 Resolver, "AmazonProvidedDNS", the VPC's base + 2)
 * in front of Route 53's name server: a query sent from the {@code stratus:host} address of an
 * instance, or to a VPC's resolver listener ({@link #forVpc}), is answered as that VPC's resolver
 * answers; any other query goes to the {@link DnsQueryHandler} exactly as before.
 */
public final class VpcResolver implements DnsAnswerer {

  /*
   * Order for a VPC (route53.md §41, vpc.md §39):
   * 1. enableDnsSupport off → REFUSED. AWS's resolver does not answer such a VPC at all; a
   *    refusal says so faster than a timeout.
   * 2. The most specific of: a private hosted zone associated with the VPC, an interface
   *    endpoint's names, the EC2 private host-name domain (ec2.internal, <region>.compute.internal).
   *    Private zones and endpoint private DNS names apply only when enableDnsSupport and
   *    enableDnsHostnames are both on (else the service name gets the public answer — seed 001's
   *    failure). A name inside one of them is answered from it alone, NXDOMAIN included, never
   *    from a public zone (trap 2). A private hosted zone wins a tie.
   * 3. Else the public hosted zones, then AWS resource names (DnsTargetRegistry). Stratus does
   *    not recurse to the internet: a name no zone and no service owns is REFUSED.
   * 4. As a recursive resolver, a CNAME out of its zone is followed in the same view (chase).
   * The client subnet is not used (§12: private zones decide by the resolver's Region, and the
   * resolver sends its own address upstream). Answers are a resolver's: RA set, AA clear. They
   * depend on the client, so they are never served from the server's answer cache
   * (answersAlike false).
   */

  /** TTL of endpoint and EC2 host-name answers (AWS's endpoint private DNS records use 60 s). */
  static final long SYNTHETIC_TTL = 60;
  private static final Name SOA_HOST = Name.fromConstantString("ns-0.awsdns-00.com.");
  private static final Name SOA_ADMIN = Name.fromConstantString("awsdns-hostmaster.amazon.com.");

  /** The views, by the host addresses of their instances and by VPC id; replaced whole. */
  private record Views(Map<InetAddress, VpcView> byHost, Map<String, VpcView> byVpc) {}

  private final DnsQueryHandler names;
  private volatile Views views = new Views(Map.of(), Map.of());

  public VpcResolver(DnsQueryHandler names) {
    this.names = Objects.requireNonNull(names, "names");
  }

  /** Replaces the VPC views with those of {@code facts}; called off the event loop. */
  public void facts(ResolverFacts facts) {
    Map<InetAddress, VpcView> byHost = new HashMap<>();
    Map<String, VpcView> byVpc = new HashMap<>();
    for (ResolverFacts.VpcDns vpc : facts.vpcs()) {
      VpcView view = VpcView.of(vpc);
      byVpc.put(vpc.vpcId(), view);
      vpc.hostAddresses().forEach(h -> VpcView.address(h).ifPresent(a -> byHost.putIfAbsent(a, view)));
    }
    views = new Views(Map.copyOf(byHost), Map.copyOf(byVpc));
  }

  /** The VPC whose instance has {@code address}, if any. */
  public Optional<String> vpcOfHost(InetAddress address) {
    return Optional.ofNullable(views.byHost().get(address)).map(VpcView::vpcId);
  }

  @Override
  public DnsAnswer answer(Message query, InetSocketAddress client, Optional<ClientSubnet> subnet) {
    VpcView view = views.byHost().get(client.getAddress());
    return view == null ? names.answer(query, client, subnet) : answerAs(view, query, client);
  }

  @Override
  public boolean answersAlike(InetAddress client) {
    return !views.byHost().containsKey(client);
  }

  @Override
  public Object cacheVersion() {
    return names.cacheVersion();
  }

  /** The resolver of one VPC whatever the source address: what its resolver listener answers with. */
  public DnsAnswerer forVpc(String vpcId) {
    return (query, client, subnet) -> {
      VpcView view = views.byVpc().get(vpcId);
      if (view == null) {
        return DnsAnswer.of(resolverFlags(error(query, Rcode.REFUSED)));
      }
      return answerAs(view, query, client);
    };
  }

  private DnsAnswer answerAs(VpcView view, Message query, InetSocketAddress client) {
    Record question = query.getQuestion();
    if (!view.dnsSupport() || (question.getDClass() != DClass.IN && question.getDClass() != DClass.ANY)) {
      return DnsAnswer.of(resolverFlags(error(query, Rcode.REFUSED)));
    }
    Message response = lookup(view, query, client);
    chase(view, response, question, client);
    return DnsAnswer.of(resolverFlags(response));
  }

  /**
   * A recursive resolver follows a CNAME wherever it points (a private zone's CNAME to an
   * endpoint's service name, a public zone's CNAME to a load balancer): while the answer ends in
   * a CNAME out of the zone that gave it, the target is looked up in the same view and its
   * answer appended, the final rcode and authority being the target's.
   */
  private void chase(VpcView view, Message response, Record question, InetSocketAddress client) {
    if (question.getType() == Type.CNAME || question.getType() == Type.ANY) {
      return;
    }
    Set<Name> seen = new HashSet<>(List.of(question.getName()));
    for (int hop = 0; hop < ZoneLookup.MAX_CNAME_HOPS && response.getRcode() == Rcode.NOERROR; hop++) {
      List<Record> answers = response.getSection(Section.ANSWER);
      if (answers.isEmpty() || !(answers.get(answers.size() - 1) instanceof CNAMERecord cname)
          || !seen.add(cname.getTarget())) {
        return;
      }
      Message next = lookup(view, Message.newQuery(Record.newRecord(cname.getTarget(), question.getType(), DClass.IN)),
          client);
      if (next.getRcode() == Rcode.REFUSED) {
        return; // a target nobody in Stratus owns (an internet name): the CNAME alone, as before
      }
      next.getSection(Section.ANSWER).forEach(r -> response.addRecord(r, Section.ANSWER));
      response.getHeader().setRcode(next.getRcode());
      response.removeAllRecords(Section.AUTHORITY);
      response.removeAllRecords(Section.ADDITIONAL);
      next.getSection(Section.AUTHORITY).forEach(r -> response.addRecord(r, Section.AUTHORITY));
    }
  }

  /** The answer of the VPC's view for the query's question, without following CNAMEs out of a zone. */
  private Message lookup(VpcView view, Message query, InetSocketAddress client) {
    Record question = query.getQuestion();
    Name qname = question.getName();
    ZoneIndex zones = names.state().zones();
    Function<Name, Optional<ZoneSnapshot>> visible = n -> (view.privateZones()
        ? zones.findPrivate(view.vpcId(), view.region(), n) : Optional.<ZoneSnapshot>empty())
        .or(() -> zones.findPublic(n));
    Optional<ZoneSnapshot> privateZone = view.privateZones()
        ? zones.findPrivate(view.vpcId(), view.region(), qname) : Optional.empty();
    int privateDepth = privateZone.map(z -> z.origin().labels()).orElse(0);
    Optional<Name> endpoint = enclosing(qname, view.endpointNames()::containsKey);
    Optional<Name> domain = enclosing(qname, view.hostnameDomains()::contains);
    int endpointDepth = endpoint.map(Name::labels).orElse(0);
    int domainDepth = domain.map(Name::labels).orElse(0);
    Message response;
    if (privateZone.isPresent() && privateDepth >= endpointDepth && privateDepth >= domainDepth) {
      response = names.answerInView(query, privateZone.get(), visible, client, Optional.empty()).response();
    } else if (endpoint.isPresent() && endpointDepth >= domainDepth) {
      List<InetAddress> ips = view.endpointNames().get(endpoint.get());
      response = synthetic(query, endpoint.get(), qname.equals(endpoint.get()) ? Optional.of(ips) : Optional.empty());
    } else if (domain.isPresent()) {
      response = synthetic(query, domain.get(), Optional.ofNullable(view.hostnames().get(qname)).map(List::of));
    } else {
      Optional<ZoneSnapshot> publicZone = zones.findPublic(qname);
      response = publicZone.isPresent()
          ? names.answerInView(query, publicZone.get(), visible, client, Optional.empty()).response()
          : names.outsideZones(query, client);
    }
    return response;
  }

  /** The longest of {@code qname} and its ancestors that {@code is} accepts. */
  private static Optional<Name> enclosing(Name qname, Predicate<Name> is) {
    for (int skip = 0; skip < qname.labels() - 1; skip++) {
      Name n = skip == 0 ? qname : new Name(qname, skip);
      if (is.test(n)) {
        return Optional.of(n);
      }
    }
    return Optional.empty();
  }

  /**
   * An answer from a zone Stratus makes up (an endpoint's name, the EC2 host-name domain):
   * {@code addresses} present means the name exists (A records, NODATA for other types),
   * absent means NXDOMAIN. Negative answers carry the made-up zone's SOA.
   */
  private static Message synthetic(Message query, Name origin, Optional<List<InetAddress>> addresses) {
    Record question = query.getQuestion();
    Message response = new Message(query.getHeader().getID());
    response.addRecord(question, Section.QUESTION);
    int type = question.getType();
    if (addresses.isPresent() && (type == Type.A || type == Type.ANY)) {
      addresses.get().stream().filter(Inet4Address.class::isInstance)
          .forEach(a -> response.addRecord(new ARecord(question.getName(), DClass.IN, SYNTHETIC_TTL, a), Section.ANSWER));
    }
    if (response.getSection(Section.ANSWER).isEmpty()) {
      response.getHeader().setRcode(addresses.isPresent() ? Rcode.NOERROR : Rcode.NXDOMAIN);
      SOARecord soa = new SOARecord(origin, DClass.IN, 900, SOA_HOST, SOA_ADMIN, 1, 7200, 900, 1209600, 86400);
      response.addRecord(ZoneLookup.negativeSoa(soa), Section.AUTHORITY);
    }
    return response;
  }

  private static Message error(Message query, int rcode) {
    Message response = new Message(query.getHeader().getID());
    response.addRecord(query.getQuestion(), Section.QUESTION);
    response.getHeader().setRcode(rcode);
    return response;
  }

  private static Message resolverFlags(Message response) {
    response.getHeader().setFlag(Flags.RA);
    response.getHeader().unsetFlag(Flags.AA);
    return response;
  }
}
