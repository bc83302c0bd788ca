package dev.stratus.route53.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.stratus.core.dns.DnsTarget;
import dev.stratus.core.dns.DnsTargetRegistry;
import dev.stratus.core.testing.ManualTime;
import dev.stratus.net.dns.DnsServer;
import dev.stratus.net.geo.ClientLocator;
import dev.stratus.net.geo.LatencyModel;
import dev.stratus.net.geo.UserLocationTable;
import dev.stratus.net.health.EndpointProbe;
import dev.stratus.net.health.HealthChecker;
import dev.stratus.protocol.testing.ApiTestServer;
import dev.stratus.route53.Route53Module;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Every routing policy and its traps through a real resolver (dnsjava over UDP and TCP) against
 * the DNS listener, with records created through Route53Client: weighted proportions over many
 * queries (seeded), geolocation and latency by client subnets on different continents, multivalue
 * with unhealthy members and failover on a real web server that stops and comes back,
 * truncation with the TCP retry, the ECS scope, and hostile datagrams against the full handler.
 */
class Route53DnsPoliciesIT {

  /** Query budget of the weighted test: 4,000 answers put a 1:3 split within ±3 points. */
  private static final int WEIGHTED_QUERIES = 4_000;

  private final SplittableRandom seeded = new SplittableRandom(42);
  private HttpServer web;
  private HealthChecker checker;
  /** Health-check timers fire when a test moves this clock (probes run on the test's thread). */
  private final ManualTime time = new ManualTime(Instant.parse("2026-12-01T00:00:00Z"));
  private ApiTestServer api;
  private Route53Client r53;
  private Route53DataPlane plane;
  private DnsServer dns;
  private String zone;

  @BeforeEach
  void start() throws Exception {
    web = webServer(0);
    checker = new HealthChecker(time.clock(), new EndpointProbe(time.clock()), UnaryOperator.identity(),
        time.scheduler(), time.scheduler());
    // One event-loop thread asks the shared seeded generator: the sequence is reproducible.
    DnsQueryHandler handler = new DnsQueryHandler(ClientLocator.standard(UserLocationTable.empty()
        .withCity("10.20.0.0/16", "Sydney").withCity("10.30.0.0/16", "London").withCity("10.40.0.0/16", "New York")),
        LatencyModel.standard(), () -> seeded);
    api = ApiTestServer.start(Clock.systemUTC(), new Route53Module());
    r53 = api.client(Route53Client.builder());
    plane = Route53DataPlane.attach(api.context().store(), checker, handler);
    dns = DnsServer.start("127.0.0.1", 0, handler);
    zone = r53.createHostedZone(b -> b.name("policy.test").callerReference("z")).hostedZone().id();
  }

  @AfterEach
  void stop() {
    dns.close();
    plane.close();
    r53.close();
    api.close();
    web.stop(0);
  }

  private static HttpServer webServer(int port) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/", ex -> {
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    server.start();
    return server;
  }

  private void create(ResourceRecordSet... sets) {
    List<Change> changes = List.of(sets).stream()
        .map(s -> Change.builder().action(ChangeAction.CREATE).resourceRecordSet(s).build()).toList();
    r53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(c -> c.changes(changes)));
    plane.awaitRebuilt();
  }

  private static ResourceRecordSet.Builder a(String name, String... values) {
    return ResourceRecordSet.builder().name(name).type("A").ttl(60L)
        .resourceRecords(List.of(values).stream().map(v -> ResourceRecord.builder().value(v).build()).toList());
  }

  private String healthCheck(int port) {
    return r53.createHealthCheck(b -> b.callerReference("hc-" + port + "-" + System.nanoTime()).healthCheckConfig(c -> c
        .type("HTTP").ipAddress("127.0.0.1").port(port).resourcePath("/").requestInterval(10).failureThreshold(1)))
        .healthCheck().id();
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private SimpleResolver resolver(Optional<String> subnet) throws Exception {
    SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
    resolver.setPort(dns.port());
    resolver.setTimeout(Duration.ofSeconds(3));
    if (subnet.isPresent()) {
      resolver.setEDNS(0, 1232, 0, List.of(new ClientSubnetOption(24, InetAddress.getByName(subnet.get()))));
    } else {
      resolver.setEDNS(-1); // plain DNS: 512-byte UDP answers (dnsjava sends EDNS by default)
    }
    return resolver;
  }

  private Message query(String name, int type, Optional<String> subnet) throws Exception {
    return resolver(subnet).send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
  }

  private List<String> answers(String name, String subnet) throws Exception {
    return query(name, Type.A, Optional.of(subnet)).getSection(Section.ANSWER).stream()
        .map(Record::rdataToString).sorted().toList();
  }

  @Test
  void weighted_oneToThree_proportionsOverManyQueries() throws Exception {
    create(a("w.policy.test", "192.0.2.1").setIdentifier("one").weight(1L).build(),
        a("w.policy.test", "192.0.2.3").setIdentifier("three").weight(3L).build(),
        a("w.policy.test", "192.0.2.0").setIdentifier("zero").weight(0L).build());
    SimpleResolver resolver = resolver(Optional.empty());
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < WEIGHTED_QUERIES; i++) {
      Message m = resolver.send(Message.newQuery(Record.newRecord(Name.fromString("w.policy.test."), Type.A, DClass.IN)));
      seen.add(m.getSection(Section.ANSWER).getFirst().rdataToString());
    }
    Map<String, Long> counts = seen.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(counts).doesNotContainKey("192.0.2.0");
    assertThat(counts.get("192.0.2.3") / (double) WEIGHTED_QUERIES).isBetween(0.72, 0.78);
  }

  @Test
  void geolocation_clientSubnetsOnThreeContinents_mostSpecificLocationElseDefault() throws Exception {
    create(a("geo.policy.test", "192.0.2.10").setIdentifier("eu").geoLocation(g -> g.continentCode("EU")).build(),
        a("geo.policy.test", "192.0.2.20").setIdentifier("au").geoLocation(g -> g.countryCode("AU")).build(),
        a("geo.policy.test", "192.0.2.30").setIdentifier("default").geoLocation(g -> g.countryCode("*")).build());
    assertThat(answers("geo.policy.test.", "10.30.1.0")).containsExactly("192.0.2.10"); // London (user table)
    assertThat(answers("geo.policy.test.", "1.120.0.0")).containsExactly("192.0.2.20"); // AU (IP database)
    assertThat(answers("geo.policy.test.", "10.40.1.0")).containsExactly("192.0.2.30"); // New York: default
  }

  @Test
  void latency_clientSubnets_nearestRegion_andScopeEchoed() throws Exception {
    create(a("lat.policy.test", "192.0.2.1").setIdentifier("syd").region("ap-southeast-2").build(),
        a("lat.policy.test", "192.0.2.2").setIdentifier("dub").region("eu-west-1").build(),
        a("lat.policy.test", "192.0.2.3").setIdentifier("iad").region("us-east-1").build(),
        a("static.policy.test", "192.0.2.99").build());
    assertThat(answers("lat.policy.test.", "10.20.1.0")).containsExactly("192.0.2.1");
    assertThat(answers("lat.policy.test.", "10.30.1.0")).containsExactly("192.0.2.2");
    assertThat(answers("lat.policy.test.", "10.40.1.0")).containsExactly("192.0.2.3");
    assertThat(scope(query("lat.policy.test.", Type.A, Optional.of("10.20.1.0")))).isEqualTo(24);
    assertThat(scope(query("static.policy.test.", Type.A, Optional.of("10.20.1.0")))).isZero();
  }

  private static int scope(Message response) {
    List<EDNSOption> options = response.getOPT().getOptions(EDNSOption.Code.CLIENT_SUBNET);
    return ((ClientSubnetOption) options.getFirst()).getScopePrefixLength();
  }

  @Test
  void multivalue_unhealthyMembersLeftOut() throws Exception {
    int down = closedPort();
    int up = web.getAddress().getPort();
    create(a("mv.policy.test", "192.0.2.1").setIdentifier("1").multiValueAnswer(true).healthCheckId(healthCheck(up)).build(),
        a("mv.policy.test", "192.0.2.2").setIdentifier("2").multiValueAnswer(true).healthCheckId(healthCheck(down)).build(),
        a("mv.policy.test", "192.0.2.3").setIdentifier("3").multiValueAnswer(true).healthCheckId(healthCheck(up)).build(),
        a("mv.policy.test", "192.0.2.4").setIdentifier("4").multiValueAnswer(true).healthCheckId(healthCheck(down)).build());
    time.advance(Duration.ZERO); // the first probe of each check
    checker.awaitProbes(Duration.ofSeconds(10));
    assertThat(answers("mv.policy.test.", "10.20.1.0")).containsExactly("192.0.2.1", "192.0.2.3");
  }

  @Test
  void failover_webServerStopsAndComesBack_answerMovesAndReturns() throws Exception {
    int port = web.getAddress().getPort();
    create(a("fo.policy.test", "192.0.2.1").setIdentifier("p").failover("PRIMARY").healthCheckId(healthCheck(port)).build(),
        a("fo.policy.test", "192.0.2.2").setIdentifier("s").failover("SECONDARY").build());
    time.advance(Duration.ZERO);
    checker.awaitProbes(Duration.ofSeconds(10));
    assertThat(answers("fo.policy.test.", "10.20.1.0")).containsExactly("192.0.2.1");
    web.stop(0);
    time.advance(Duration.ofSeconds(10)); // the next probe at the 10 s interval fails; threshold 1
    checker.awaitProbes(Duration.ofSeconds(10));
    assertThat(answers("fo.policy.test.", "10.20.1.0")).containsExactly("192.0.2.2");
    web = webServer(port);
    time.advance(Duration.ofSeconds(10));
    checker.awaitProbes(Duration.ofSeconds(10));
    assertThat(answers("fo.policy.test.", "10.20.1.0")).containsExactly("192.0.2.1");
  }

  @Test
  void largeTxt_truncatedOverUdpWithoutEdns_fullOverTcpRetry() throws Exception {
    List<ResourceRecord> values = IntStream.range(0, 8)
        .mapToObj(i -> ResourceRecord.builder().value("\"" + String.valueOf((char) ('a' + i)).repeat(90) + "\"").build()).toList();
    create(ResourceRecordSet.builder().name("big.policy.test").type("TXT").ttl(60L).resourceRecords(values).build());
    Message query = Message.newQuery(Record.newRecord(Name.fromString("big.policy.test."), Type.TXT, DClass.IN));
    SimpleResolver udpOnly = resolver(Optional.empty());
    udpOnly.setIgnoreTruncation(true);
    Message truncated = udpOnly.send(query);
    assertThat(truncated.getHeader().getFlag(Flags.TC)).isTrue();
    assertThat(truncated.getSection(Section.ANSWER)).isEmpty();
    Message retried = resolver(Optional.empty()).send(query); // dnsjava retries over TCP on TC=1
    assertThat(retried.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(retried.getSection(Section.ANSWER)).hasSize(8);
    SimpleResolver edns = resolver(Optional.of("10.20.1.0"));
    edns.setIgnoreTruncation(true);
    assertThat(edns.send(query).getSection(Section.ANSWER)).hasSize(8); // 1,232-byte EDNS buffer holds it
  }

  @Test
  void aliasToRegisteredAwsName_answersItsAddresses_andTheNameItself() throws Exception {
    DnsTargetRegistry registry = DnsTargetRegistry.in(api.context().extensions());
    plane.handler().aliasTargets(AliasTargetResolver.of(registry));
    registry.put(new DnsTarget("web-1.us-east-1.elb.localhost", List.of(InetAddress.getByName("127.0.0.7")), 60, true));
    create(ResourceRecordSet.builder().name("alb.policy.test").type("A").aliasTarget(t -> t
        .hostedZoneId("Z35SXDOTRQ7X7K").dnsName("dualstack.web-1.us-east-1.elb.localhost").evaluateTargetHealth(true)).build());
    Message alias = query("alb.policy.test.", Type.A, Optional.empty());
    assertThat(alias.getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("127.0.0.7");
    assertThat(alias.getSection(Section.ANSWER).getFirst().getTTL()).isEqualTo(60);
    Message direct = query("web-1.us-east-1.elb.localhost.", Type.A, Optional.empty());
    assertThat(direct.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(direct.getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("127.0.0.7");
    registry.remove("web-1.us-east-1.elb.localhost");
    assertThat(query("web-1.us-east-1.elb.localhost.", Type.A, Optional.empty()).getRcode()).isEqualTo(Rcode.REFUSED);
  }

  /** DnsTargetRegistry#version keys the answer cache: alias answers are reused, and follow a change at once. */
  @Test
  void aliasAnswers_cachedLikeAnyOther_untilTheRegistryChanges() throws Exception {
    DnsTargetRegistry registry = DnsTargetRegistry.inMemory();
    var finds = new java.util.concurrent.atomic.AtomicInteger();
    DnsTargetRegistry counting = new DnsTargetRegistry() {
      @Override public void put(DnsTarget target) { registry.put(target); }
      @Override public void remove(String name) { registry.remove(name); }
      @Override public Optional<DnsTarget> find(String name) { finds.incrementAndGet(); return registry.find(name); }
      @Override public long version() { return registry.version(); }
    };
    plane.handler().aliasTargets(AliasTargetResolver.of(counting));
    registry.put(new DnsTarget("cached-1.us-east-1.elb.localhost", List.of(InetAddress.getByName("127.0.0.8")), 60, true));
    create(ResourceRecordSet.builder().name("cached.policy.test").type("A").aliasTarget(t -> t
        .hostedZoneId("Z35SXDOTRQ7X7K").dnsName("cached-1.us-east-1.elb.localhost").evaluateTargetHealth(false)).build());
    SimpleResolver plain = resolver(Optional.empty());
    Message query = Message.newQuery(Record.newRecord(Name.fromString("cached.policy.test."), Type.A, DClass.IN));
    Message direct = Message.newQuery(Record.newRecord(Name.fromString("cached-1.us-east-1.elb.localhost."), Type.A, DClass.IN));
    assertThat(plain.send(query).getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("127.0.0.8");
    assertThat(plain.send(direct).getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("127.0.0.8");
    int afterFirst = finds.get();
    for (int i = 0; i < 5; i++) {
      assertThat(plain.send(query).getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("127.0.0.8");
      assertThat(plain.send(direct).getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("127.0.0.8");
    }
    assertThat(finds.get()).as("answers replayed from the cache").isEqualTo(afterFirst);

    registry.put(new DnsTarget("cached-1.us-east-1.elb.localhost", List.of(InetAddress.getByName("127.0.0.9")), 60, true));
    assertThat(plain.send(query).getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("127.0.0.9");
    assertThat(plain.send(direct).getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("127.0.0.9");
    registry.remove("cached-1.us-east-1.elb.localhost");
    assertThat(plain.send(direct).getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void nxdomainAndNodata_soaInAuthority() throws Exception {
    create(a("here.policy.test", "192.0.2.5").build());
    Message nx = query("absent.policy.test.", Type.A, Optional.empty());
    assertThat(nx.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(nx.getSection(Section.AUTHORITY)).anyMatch(r -> r.getType() == Type.SOA);
    Message nodata = query("here.policy.test.", Type.AAAA, Optional.empty());
    assertThat(nodata.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(nodata.getSection(Section.ANSWER)).isEmpty();
    assertThat(nodata.getSection(Section.AUTHORITY)).anyMatch(r -> r.getType() == Type.SOA);
  }

  @Test
  void hostileDatagrams_fullRoute53Handler_keepsAnswering() throws Exception {
    create(a("lat.policy.test", "192.0.2.1").setIdentifier("syd").region("ap-southeast-2").build(),
        a("*.wild.policy.test", "192.0.2.7").build());
    byte[] valid = Message.newQuery(Record.newRecord(Name.fromString("x.wild.policy.test."), Type.A, DClass.IN)).toWire();
    SplittableRandom fuzz = new SplittableRandom(7);
    try (DatagramSocket socket = new DatagramSocket()) {
      InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), dns.port());
      for (int i = 0; i < 3_000; i++) {
        byte[] bytes = i % 2 == 0 ? valid.clone() : new byte[fuzz.nextInt(0, 300)];
        if (i % 2 == 0) {
          for (int flips = fuzz.nextInt(1, 6); flips > 0; flips--) {
            bytes[fuzz.nextInt(bytes.length)] = (byte) fuzz.nextInt(256);
          }
        } else {
          fuzz.nextBytes(bytes);
        }
        socket.send(new DatagramPacket(bytes, bytes.length, target));
      }
      // Still inside: the fuzzer's socket stays open, so the server's replies to it land somewhere.
      // The server may still be working through the backlog: ask until it answers (at most ~10 s).
      await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
          .until(() -> answers("x.wild.policy.test.", "10.20.1.0").equals(List.of("192.0.2.7")));
      assertThat(answers("lat.policy.test.", "10.20.1.0")).containsExactly("192.0.2.1");
    }
  }
}
