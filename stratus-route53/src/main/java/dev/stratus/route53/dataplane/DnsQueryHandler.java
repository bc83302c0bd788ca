package dev.stratus.route53.dataplane;

import dev.stratus.core.dns.DnsQueryClient;
import dev.stratus.net.dns.ClientSubnet;
import dev.stratus.net.dns.DnsAnswer;
import dev.stratus.net.dns.DnsAnswerer;
import dev.stratus.net.geo.ClientLocator;
import dev.stratus.net.geo.LatencyModel;
import dev.stratus.net.geo.UserLocationTable;
import dev.stratus.route53.model.CidrBlock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Route 53's authoritative name server as a {@link DnsAnswerer}: picks the hosted zone for the
 * query name, answers from that zone's snapshot (AA set), and refuses names in no zone.
 */
public final class DnsQueryHandler implements DnsAnswerer {

  /*
   * Runs on the DNS event loop, so everything it reads is precomputed and immutable: one volatile
   * State (zones, health statuses, CIDR collections) swapped whole by the data plane when
   * committed state or a health status changes. A query reads the reference once and works on
   * that version only. The client is the ECS subnet when sent, else the resolver (route53.md §12).
   */

  /** Everything a query reads; replaced whole, never mutated. */
  public record State(ZoneIndex zones, Map<String, Boolean> health, Map<String, Map<String, List<CidrBlock>>> cidr) {
    public State {
      Objects.requireNonNull(zones, "zones");
      health = Map.copyOf(health);
      cidr = Map.copyOf(cidr);
    }

    public static State empty() {
      return new State(ZoneIndex.empty(), Map.of(), Map.of());
    }

    public State withZones(ZoneIndex newZones) { return new State(newZones, health, cidr); }

    public State withHealth(Map<String, Boolean> newHealth) { return new State(zones, newHealth, cidr); }

    public State withCidr(Map<String, Map<String, List<CidrBlock>>> newCidr) { return new State(zones, health, newCidr); }
  }

  private volatile ClientLocator locator;
  private volatile AliasTargetResolver aliasTargets = AliasTargetResolver.NONE;
  private final LatencyModel latency;
  private final Supplier<RandomGenerator> random;
  private volatile State state = State.empty();
  private volatile CacheVersion cacheVersion;

  /**
   * What cached answers depend on: the state, and the version of the AWS resource names alias
   * records resolve to. The answer cache compares versions by identity, so one instance is kept
   * while neither changes.
   */
  private record CacheVersion(State state, AliasTargetResolver aliasTargets, long aliasVersion) {}

  /**
   * @param random the random source per query (e.g. {@code ThreadLocalRandom::current}; a seeded
   *     generator in tests)
   */
  public DnsQueryHandler(ClientLocator locator, LatencyModel latency, Supplier<RandomGenerator> random) {
    this.locator = Objects.requireNonNull(locator, "locator");
    this.latency = Objects.requireNonNull(latency, "latency");
    this.random = Objects.requireNonNull(random, "random");
  }

  public State state() { return state; }

  /** Replaces the user's CIDR → place table (the IP database stays); e.g. "10.20.0.0/16 is Sydney". */
  public void userLocations(UserLocationTable table) {
    locator = locator.withUserTable(table);
    update(s -> new State(s.zones(), s.health(), s.cidr())); // a new version: cached answers by resolver go
  }

  /** Atomically replaces the state with {@code change(state)}; called by the data plane only. */
  public synchronized void update(UnaryOperator<State> change) {
    state = Objects.requireNonNull(change.apply(state), "state");
  }

  /** Sets who resolves AWS resource names (ELB, CloudFront, …) for alias records and direct queries. */
  public void aliasTargets(AliasTargetResolver resolver) {
    aliasTargets = Objects.requireNonNull(resolver, "resolver");
  }

  @Override
  public DnsAnswer answer(Message query, InetSocketAddress resolver, Optional<ClientSubnet> subnet) {
    State current = state;
    Record question = query.getQuestion();
    Optional<ZoneSnapshot> zone = question.getDClass() == DClass.IN || question.getDClass() == DClass.ANY
        ? current.zones().find(question.getName()) : Optional.empty();
    if (zone.isEmpty()) {
      Message response = new Message(query.getHeader().getID());
      response.addRecord(question, Section.QUESTION);
      // Outside every zone the answer is the registry's alone, so it is fixed while the registry's
      // version is, unless the name answers per client (then per resolver, and for its subnet only).
      AnswerInputs inputs = new AnswerInputs();
      DnsClient client = client(resolver.getAddress(), subnet, inputs);
      boolean[] perClient = {false};
      awsResourceName(question, inputs.external(aliasTargets), () -> {
        perClient[0] = true;
        return client.asQueryClient();
      }, response);
      int scope = perClient[0] ? subnet.map(ClientSubnet::sourcePrefixLength).orElse(0) : 0;
      return new DnsAnswer(response, scope, inputs.caching(perClient[0]));
    }
    return answerFrom(current, zone.get(), question, query.getHeader().getID(), resolver.getAddress(), subnet);
  }

  /**
   * What the DNS server answers for {@code question} from the zone {@code zoneId}, for a client
   * at {@code resolver} with {@code subnet}: TestDNSAnswer's engine. Empty when the data plane
   * does not hold that zone (yet).
   */
  public Optional<DnsAnswer> answerInZone(String zoneId, Record question, InetAddress resolver,
      Optional<ClientSubnet> subnet) {
    State current = state;
    return current.zones().all().stream().filter(z -> z.zone().id().equals(zoneId)).findFirst()
        .map(zone -> answerFrom(current, zone, question, 0, resolver, subnet));
  }

  /**
   * Answers {@code query} from {@code zone} as seen through {@code zones}, which CNAME chains and
   * alias records follow into other zones: what a VPC's resolver answers from its own view.
   */
  DnsAnswer answerInView(Message query, ZoneSnapshot zone, Function<Name, Optional<ZoneSnapshot>> zones,
      InetSocketAddress resolver, Optional<ClientSubnet> subnet) {
    return answerFrom(state, zone, zones, query.getQuestion(), query.getHeader().getID(), resolver.getAddress(), subnet);
  }

  /**
   * What a name in no hosted zone answers for a client at {@code resolver}: an AWS resource
   * name's addresses (for that client when they depend on it), else REFUSED.
   */
  Message outsideZones(Message query, InetSocketAddress resolver) {
    Message response = new Message(query.getHeader().getID());
    response.addRecord(query.getQuestion(), Section.QUESTION);
    DnsClient client = client(resolver.getAddress(), Optional.empty(), new AnswerInputs());
    return awsResourceName(query.getQuestion(), aliasTargets, client::asQueryClient, response);
  }

  private DnsAnswer answerFrom(State current, ZoneSnapshot zone, Record question, int id, InetAddress resolver,
      Optional<ClientSubnet> subnet) {
    return answerFrom(current, zone, current.zones()::find, question, id, resolver, subnet);
  }

  private DnsAnswer answerFrom(State current, ZoneSnapshot zone, Function<Name, Optional<ZoneSnapshot>> zones,
      Record question, int id, InetAddress resolver, Optional<ClientSubnet> subnet) {
    Message response = new Message(id);
    response.addRecord(question, Section.QUESTION);
    response.getHeader().setFlag(Flags.AA);
    AnswerInputs inputs = new AnswerInputs();
    DnsClient client = client(resolver, subnet, inputs);
    SelectionContext context = new SelectionContext(inputs.random(random.get()), latency,
        cidrId -> current.cidr().getOrDefault(cidrId, Map.of()));
    ZoneLookup lookup = new ZoneLookup(zones, inputs.external(aliasTargets), current.health(), client,
        context, response);
    lookup.resolve(zone, question.getName(), question.getType());
    int scope = lookup.clientSpecific() ? subnet.map(ClientSubnet::sourcePrefixLength).orElse(0) : 0;
    return new DnsAnswer(response, scope, inputs.caching(lookup.clientSpecific()));
  }

  /**
   * The zone-snapshot set answers come from and the version of the AWS resource names aliases
   * resolve to: the server's answer cache lives as long as neither changes.
   */
  @Override
  public Object cacheVersion() {
    State current = state;
    AliasTargetResolver names = aliasTargets;
    long aliasVersion = names.version();
    CacheVersion last = cacheVersion;
    if (last != null && last.state() == current && last.aliasTargets() == names && last.aliasVersion() == aliasVersion) {
      return last;
    }
    CacheVersion next = new CacheVersion(current, names, aliasVersion);
    cacheVersion = next;
    return next;
  }

  /**
   * A name in no hosted zone: if a service owns it (an ALB or CloudFront name under Stratus's
   * scheme) answer its addresses authoritatively, else REFUSED as Route 53 does for names it
   * is not authoritative for.
   */
  private static Message awsResourceName(Record question, AliasTargetResolver external,
      Supplier<DnsQueryClient> client, Message response) {
    Optional<AliasTargetResolver.Target> target = external.resolve(question.getName(), client);
    if (target.isEmpty()) {
      response.getHeader().setRcode(Rcode.REFUSED);
      return response;
    }
    response.getHeader().setFlag(Flags.AA);
    ZoneLookup.addressRecords(question.getName(), question.getType(), target.get())
        .forEach(r -> response.addRecord(r, Section.ANSWER));
    return response;
  }

  private DnsClient client(InetAddress resolver, Optional<ClientSubnet> subnet, AnswerInputs inputs) {
    InetAddress address = subnet.map(ClientSubnet::address).orElse(resolver);
    int prefix = subnet.map(ClientSubnet::sourcePrefixLength).orElse(address.getAddress().length * 8);
    ClientLocator current = locator;
    return new DnsClient(address, prefix, () -> {
      inputs.clientUsed();
      return current.locate(address);
    }, current.defaultLocation());
  }
}
