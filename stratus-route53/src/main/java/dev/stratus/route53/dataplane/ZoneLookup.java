package dev.stratus.route53.dataplane;

import dev.stratus.route53.model.AliasTarget;
import dev.stratus.route53.model.ResourceRecordSet;
import dev.stratus.route53.model.RrType;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Answers one query from one hosted zone the way an authoritative Route 53 name server does:
 * referrals at delegations, CNAME chains inside the zone, wildcards, alias records, routing
 * policies, and NXDOMAIN / NODATA with the SOA (route53.md §16–20, §39). One instance per query.
 */
final class ZoneLookup {
  private static final Logger LOG = Logger.getLogger(ZoneLookup.class.getName());


  /*
   * Order (RFC 1034 §4.3.2, RFC 4592 for wildcards): (1) a delegation (NS below the apex) at or
   * above the name → referral, AA off, except DS at the cut itself; (2) the name, else the
   * wildcard at its closest encloser, else NXDOMAIN; (3) records of the query type, chosen by
   * routing policy; else a CNAME, chased while its target stays in this zone (8 hops at most);
   * else NODATA. Positive answers carry the apex NS set in authority (§39) and in-zone A/AAAA of
   * MX/SRV/NS targets in additional; negative answers carry the SOA with TTL = min(SOA TTL,
   * SOA MINIMUM). An alias answers with its target's records under the alias's own name and type,
   * with the target's TTL (§17–18); its health with EvaluateTargetHealth is "some record of the
   * target group is healthy" (§20). A target outside every Stratus zone is an AWS resource: the
   * AliasTargetResolver gives its addresses, TTL and health; one nobody owns answers NODATA and
   * counts healthy.
   */

  /** Longest CNAME chain followed inside a zone before giving up. */
  static final int MAX_CNAME_HOPS = 8;
  /** Deepest alias → alias nesting followed. */
  static final int MAX_ALIAS_DEPTH = 4;

  private final Function<Name, Optional<ZoneSnapshot>> zones;
  private final AliasTargetResolver external;
  private final Map<String, Boolean> health;
  private final DnsClient client;
  private final SelectionContext context;
  private final Message response;
  private boolean clientSpecific;

  ZoneLookup(Function<Name, Optional<ZoneSnapshot>> zones, AliasTargetResolver external, Map<String, Boolean> health,
      DnsClient client, SelectionContext context, Message response) {
    this.zones = zones;
    this.external = external;
    this.health = health;
    this.client = client;
    this.context = context;
    this.response = response;
  }

  /**
   * Whether some routing decision, or an AWS resource name that answers per client (a
   * CloudFront distribution's nearest edge), depended on the client (the ECS scope is then non-zero).
   */
  boolean clientSpecific() { return clientSpecific; }

  /** Fills the response for {@code qname}/{@code qtype} from {@code zone}. */
  void resolve(ZoneSnapshot zone, Name qname, int qtype) {
    resolve(zone, qname, qtype, 0);
  }

  private void resolve(ZoneSnapshot zone, Name qname, int qtype, int hops) {
    Optional<ZoneSnapshot.Group> cut = delegation(zone, qname, qtype);
    if (cut.isPresent()) {
      referral(zone, cut.get());
      return;
    }
    Map<RrType, ZoneSnapshot.Group> node = zone.node(qname);
    if (node.isEmpty() && !zone.exists(qname)) {
      node = wildcard(zone, qname);
      if (node.isEmpty()) {
        negative(zone, Rcode.NXDOMAIN);
        return;
      }
    }
    Optional<RrType> type = RrType.fromWire(Type.string(qtype));
    List<Record> answers = new ArrayList<>();
    if (qtype == Type.ANY) {
      node.values().forEach(g -> answers.addAll(select(zone, g, qname, 0)));
    } else if (type.isPresent() && node.containsKey(type.get())) {
      answers.addAll(select(zone, node.get(type.get()), qname, 0));
    } else if (node.containsKey(RrType.CNAME)) {
      List<Record> cname = select(zone, node.get(RrType.CNAME), qname, 0);
      cname.forEach(r -> response.addRecord(r, Section.ANSWER));
      if (!cname.isEmpty() && cname.get(0) instanceof CNAMERecord c && hops < MAX_CNAME_HOPS
          && c.getTarget().subdomain(zone.origin())) {
        resolve(zone, c.getTarget(), qtype, hops + 1);
      } else {
        authorityNs(zone);
      }
      return;
    }
    if (answers.isEmpty()) {
      negative(zone, Rcode.NOERROR);
      return;
    }
    answers.forEach(r -> response.addRecord(r, Section.ANSWER));
    authorityNs(zone);
    additional(zone, answers);
  }

  /** The NS group of the closest delegation between the apex (exclusive) and {@code qname}. */
  private static Optional<ZoneSnapshot.Group> delegation(ZoneSnapshot zone, Name qname, int qtype) {
    int extra = qname.labels() - zone.origin().labels();
    for (int skip = extra - 1; skip >= 0; skip--) {
      Name candidate = new Name(qname, skip);
      Optional<ZoneSnapshot.Group> ns = zone.group(candidate, RrType.NS);
      if (ns.isPresent() && !(skip == 0 && qtype == Type.DS)) {
        return ns;
      }
    }
    return Optional.empty();
  }

  /** The wildcard node at the closest encloser of {@code qname}, or empty (RFC 4592 §3.3.1). */
  private static Map<RrType, ZoneSnapshot.Group> wildcard(ZoneSnapshot zone, Name qname) {
    Name encloser = qname;
    while (!zone.exists(encloser) && encloser.labels() > zone.origin().labels()) {
      encloser = ZoneSnapshot.parent(encloser);
    }
    try {
      return zone.node(Name.concatenate(Name.fromConstantString("*"), encloser));
    } catch (org.xbill.DNS.NameTooLongException e) {
      return Map.of();
    }
  }

  /** The wire records answering {@code group} for {@code owner}, after routing-policy selection. */
  private List<Record> select(ZoneSnapshot zone, ZoneSnapshot.Group group, Name owner, int depth) {
    SelectionDecision decision = RecordSelection.select(group.recordSets(), r -> healthy(zone, r, depth), client, context);
    if (decision.reason().startsWith(RecordSelection.unplacedLatency(client.unplaced().name()))) {
      String name = client.unplaced().name();
      LOG.fine(() -> "latency routing for " + owner + ": client " + client.address().getHostAddress()
          + " is placed by neither clientLocations nor the IP database; ranking regions from the default location, "
          + name + (name.equals(RecordSelection.UNPLACED_CLIENT_REGION) ? " (N. Virginia)" : ""));
    }
    clientSpecific |= decision.clientSpecific();
    List<Record> out = new ArrayList<>();
    for (ResourceRecordSet rrs : decision.chosen()) {
      if (rrs.alias()) {
        out.addAll(aliasRecords(zone, rrs, owner, depth));
      } else {
        List<Record> records = new ArrayList<>(group.entry(rrs).records());
        shuffle(records);
        records.forEach(r -> out.add(r.getName().equals(owner) ? r : r.withName(owner)));
      }
    }
    return out;
  }

  private List<Record> aliasRecords(ZoneSnapshot zone, ResourceRecordSet alias, Name owner, int depth) {
    Optional<ZoneSnapshot.Group> target = aliasTarget(zone, alias);
    if (target.isEmpty()) {
      Name name = ZoneSnapshot.name(alias.aliasTarget().orElseThrow().dnsName());
      return external.resolve(name, () -> {
        clientSpecific = true;
        return client.asQueryClient();
      }).map(t -> addressRecords(owner, Type.value(alias.type().name()), t)).orElse(List.of());
    }
    if (depth >= MAX_ALIAS_DEPTH) {
      return List.of();
    }
    ZoneSnapshot targetZone = zoneOf(zone, target.get().name());
    return select(targetZone, target.get(), owner, depth + 1);
  }

  private Optional<ZoneSnapshot.Group> aliasTarget(ZoneSnapshot zone, ResourceRecordSet alias) {
    AliasTarget target = alias.aliasTarget().orElseThrow();
    Name name = ZoneSnapshot.name(target.dnsName());
    return Optional.of(zoneOf(zone, name)).filter(z -> name.subdomain(z.origin()))
        .flatMap(z -> z.group(name, alias.type()));
  }

  /** The AWS resource an alias names, without asking who the client is (its health, not its addresses). */
  private Optional<AliasTargetResolver.Target> externalTarget(ResourceRecordSet alias) {
    return external.resolve(ZoneSnapshot.name(alias.aliasTarget().orElseThrow().dnsName()));
  }

  /** A/AAAA records for {@code owner} from an AWS resource's addresses (other types: none). */
  static List<Record> addressRecords(Name owner, int type, AliasTargetResolver.Target target) {
    List<Record> out = new ArrayList<>();
    for (InetAddress address : target.addresses()) {
      if (type == Type.A && address instanceof Inet4Address) {
        out.add(new ARecord(owner, DClass.IN, target.ttlSeconds(), address));
      } else if (type == Type.AAAA && address instanceof Inet6Address) {
        out.add(new AAAARecord(owner, DClass.IN, target.ttlSeconds(), address));
      }
    }
    return out;
  }

  private ZoneSnapshot zoneOf(ZoneSnapshot current, Name name) {
    return name.subdomain(current.origin()) ? current : zones.apply(name).orElse(current);
  }

  /** §30 and §20: the record's health check, and with EvaluateTargetHealth its target group's health. */
  private boolean healthy(ZoneSnapshot zone, ResourceRecordSet rrs, int depth) {
    if (rrs.healthCheckId().isPresent() && !health.getOrDefault(rrs.healthCheckId().get(), true)) {
      return false;
    }
    if (!rrs.alias() || !rrs.aliasTarget().get().evaluateTargetHealth() || depth >= MAX_ALIAS_DEPTH) {
      return true;
    }
    Optional<ZoneSnapshot.Group> target = aliasTarget(zone, rrs);
    if (target.isEmpty()) {
      return externalTarget(rrs).map(AliasTargetResolver.Target::healthy).orElse(true);
    }
    ZoneSnapshot targetZone = zoneOf(zone, target.get().name());
    return target.get().recordSets().stream().anyMatch(r -> healthy(targetZone, r, depth + 1));
  }

  private void referral(ZoneSnapshot zone, ZoneSnapshot.Group cut) {
    response.getHeader().unsetFlag(Flags.AA);
    List<Record> ns = cut.entries().stream().flatMap(e -> e.records().stream()).toList();
    ns.forEach(r -> response.addRecord(r, Section.AUTHORITY));
    additional(zone, ns);
  }

  private void negative(ZoneSnapshot zone, int rcode) {
    response.getHeader().setRcode(rcode);
    zone.soa().ifPresent(soa -> response.addRecord(negativeSoa(soa), Section.AUTHORITY));
  }

  /** The SOA for a negative answer, its TTL the negative-caching time min(TTL, MINIMUM) (RFC 2308 §3). */
  static SOARecord negativeSoa(SOARecord soa) {
    long ttl = Math.min(soa.getTTL(), soa.getMinimum());
    return new SOARecord(soa.getName(), DClass.IN, ttl, soa.getHost(), soa.getAdmin(), soa.getSerial(),
        soa.getRefresh(), soa.getRetry(), soa.getExpire(), soa.getMinimum());
  }

  private void authorityNs(ZoneSnapshot zone) {
    zone.group(zone.origin(), RrType.NS).ifPresent(g ->
        g.entries().forEach(e -> e.records().forEach(r -> response.addRecord(r, Section.AUTHORITY))));
  }

  /** In-zone A/AAAA of the targets of MX, SRV and NS records (§39). */
  private void additional(ZoneSnapshot zone, List<Record> records) {
    for (Record r : records) {
      Name target = switch (r) {
        case MXRecord mx -> mx.getTarget();
        case SRVRecord srv -> srv.getTarget();
        case NSRecord ns -> ns.getTarget();
        default -> null;
      };
      if (target == null || !target.subdomain(zone.origin())) {
        continue;
      }
      for (RrType t : new RrType[] {RrType.A, RrType.AAAA}) {
        zone.group(target, t).filter(g -> g.entries().size() == 1 && !g.entries().get(0).recordSet().alias())
            .ifPresent(g -> g.entries().get(0).records().forEach(a -> response.addRecord(a, Section.ADDITIONAL)));
      }
    }
  }

  private void shuffle(List<Record> records) {
    for (int i = records.size() - 1; i > 0; i--) {
      int j = context.random().nextInt(i + 1);
      Record t = records.get(i);
      records.set(i, records.get(j));
      records.set(j, t);
    }
  }
}
