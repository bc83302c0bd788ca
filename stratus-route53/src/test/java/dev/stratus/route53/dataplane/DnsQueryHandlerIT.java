package dev.stratus.route53.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.net.dns.DnsServer;
import dev.stratus.net.geo.ClientLocator;
import dev.stratus.net.geo.CountryDatabase;
import dev.stratus.net.geo.GeoTables;
import dev.stratus.net.geo.LatencyModel;
import dev.stratus.net.geo.UserLocationTable;
import dev.stratus.route53.model.AliasTarget;
import dev.stratus.route53.model.HostedZone;
import dev.stratus.route53.model.ResourceRecordSet;
import dev.stratus.route53.model.RoutingPolicy;
import dev.stratus.route53.model.RrType;
import dev.stratus.route53.model.ZoneApex;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The Route 53 answerer behind a real DNS listener on a random loopback port, queried with
 * dnsjava. The zone example.com. holds: www A (simple), web CNAME chain, a wildcard, a delegated
 * sub.example.com., an apex alias to www, weighted/failover/latency groups with health checks.
 */
class DnsQueryHandlerIT {

  private static final String ZONE = "example.com.";
  private DnsServer server;
  private DnsQueryHandler handler;

  private static ResourceRecordSet simple(String name, RrType type, long ttl, String... values) {
    return ResourceRecordSet.simple(name, type, ttl, List.of(values));
  }

  private static ResourceRecordSet policy(String name, String id, RoutingPolicy policy, String value, String hc) {
    return new ResourceRecordSet(name, RrType.A, Optional.of(id), policy, Optional.of(60L), List.of(value),
        Optional.empty(), Optional.ofNullable(hc));
  }

  static ZoneSnapshot zone() {
    HostedZone zone = new HostedZone("Z123", "000000000000", ZONE, "ref", Optional.empty(), false, List.of(),
        Optional.empty(), List.of("ns-1.awsdns-01.com", "ns-2.awsdns-02.net", "ns-3.awsdns-03.org",
        "ns-4.awsdns-04.co.uk"), Instant.EPOCH);
    List<ResourceRecordSet> records = new ArrayList<>(ZoneApex.records(ZONE, zone.nameServers()));
    records.add(simple("www.example.com.", RrType.A, 300, "192.0.2.10"));
    records.add(simple("web.example.com.", RrType.CNAME, 300, "www.example.com."));
    records.add(simple("chain.example.com.", RrType.CNAME, 300, "web.example.com."));
    records.add(simple("out.example.com.", RrType.CNAME, 300, "elsewhere.example.org."));
    records.add(simple("mail.example.com.", RrType.MX, 300, "10 mx.example.com."));
    records.add(simple("mx.example.com.", RrType.A, 300, "192.0.2.25"));
    records.add(simple("b.a.example.com.", RrType.TXT, 300, "\"deep\""));
    records.add(simple("*.wild.example.com.", RrType.A, 120, "192.0.2.99"));
    records.add(simple("sub.example.com.", RrType.NS, 3600, "ns1.sub.example.com."));
    records.add(simple("ns1.sub.example.com.", RrType.A, 3600, "192.0.2.53"));
    records.add(new ResourceRecordSet(ZONE, RrType.A, Optional.empty(), new RoutingPolicy.Simple(), Optional.empty(),
        List.of(), Optional.of(new AliasTarget("Z123", "www.example.com.", false)), Optional.empty()));
    records.add(policy("fo.example.com.", "p", new RoutingPolicy.Failover(RoutingPolicy.Failover.Role.PRIMARY),
        "192.0.2.1", "hc-primary"));
    records.add(policy("fo.example.com.", "s", new RoutingPolicy.Failover(RoutingPolicy.Failover.Role.SECONDARY),
        "192.0.2.2", null));
    records.add(new ResourceRecordSet("alb.example.com.", RrType.A, Optional.of("eu"), new RoutingPolicy.Latency("eu-west-1"),
        Optional.empty(), List.of(), Optional.of(new AliasTarget("Z32O12XQLNTSW2", "alb-eu.elb.amazonaws.com.", true)),
        Optional.empty()));
    records.add(new ResourceRecordSet("alb.example.com.", RrType.A, Optional.of("us"), new RoutingPolicy.Latency("us-east-1"),
        Optional.empty(), List.of(), Optional.of(new AliasTarget("Z35SXDOTRQ7X7K", "alb-us.elb.amazonaws.com.", true)),
        Optional.empty()));
    records.add(policy("lat.example.com.", "use1", new RoutingPolicy.Latency("us-east-1"), "192.0.2.31", null));
    records.add(policy("lat.example.com.", "apse2", new RoutingPolicy.Latency("ap-southeast-2"), "192.0.2.32", null));
    return ZoneSnapshot.build(zone, records);
  }

  @BeforeEach
  void start() {
    ClientLocator locator = new ClientLocator(UserLocationTable.empty().withCity("10.20.0.0/16", "Sydney")
        .withCity("127.0.0.0/8", "New York"), CountryDatabase.none(), GeoTables.standard());
    handler = new DnsQueryHandler(locator, LatencyModel.standard(), () -> new SplittableRandom(1));
    handler.update(s -> s.withZones(ZoneIndex.of(List.of(zone()))));
    server = DnsServer.start("127.0.0.1", 0, handler);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Message ask(String name, int type) throws Exception {
    return ask(name, type, null);
  }

  private Message ask(String name, int type, ClientSubnetOption ecs) throws Exception {
    SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
    resolver.setPort(server.port());
    resolver.setTimeout(Duration.ofSeconds(3));
    if (ecs != null) {
      resolver.setEDNS(0, 1232, 0, List.of(ecs));
    }
    return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
  }

  private static List<String> answers(Message m) {
    return m.getSection(Section.ANSWER).stream().map(r -> Type.string(r.getType()) + " " + r.rdataToString()).toList();
  }

  @Test
  void simpleA_authoritativeAnswerWithApexNsInAuthority() throws Exception {
    Message m = ask("WWW.example.com.", Type.A);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(answers(m)).containsExactly("A 192.0.2.10");
    assertThat(m.getSection(Section.AUTHORITY)).hasSize(4).allMatch(r -> r.getType() == Type.NS);
  }

  @Test
  void missingName_nxdomainWithSoaNegativeTtl() throws Exception {
    Message m = ask("nope.example.com.", Type.A);
    assertThat(m.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    SOARecord soa = (SOARecord) m.getSection(Section.AUTHORITY).get(0);
    assertThat(soa.getTTL()).isEqualTo(Math.min(ZoneApex.SOA_TTL, soa.getMinimum()));
  }

  @Test
  void existingNameOtherType_nodataWithSoa() throws Exception {
    Message m = ask("www.example.com.", Type.AAAA);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(m.getSection(Section.ANSWER)).isEmpty();
    assertThat(m.getSection(Section.AUTHORITY).get(0).getType()).isEqualTo(Type.SOA);
  }

  @Test
  void emptyNonTerminal_nodataNotNxdomain() throws Exception {
    Message m = ask("a.example.com.", Type.A);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(m.getSection(Section.ANSWER)).isEmpty();
  }

  @Test
  void cnameChainInsideZone_followedToTheAddress() throws Exception {
    assertThat(answers(ask("chain.example.com.", Type.A)))
        .containsExactly("CNAME web.example.com.", "CNAME www.example.com.", "A 192.0.2.10");
    assertThat(answers(ask("out.example.com.", Type.A))).containsExactly("CNAME elsewhere.example.org.");
    assertThat(answers(ask("web.example.com.", Type.CNAME))).containsExactly("CNAME www.example.com.");
  }

  @Test
  void wildcard_synthesisedUnderQueryName() throws Exception {
    Message m = ask("anything.wild.example.com.", Type.A);
    assertThat(answers(m)).containsExactly("A 192.0.2.99");
    assertThat(m.getSection(Section.ANSWER).get(0).getName().toString()).isEqualTo("anything.wild.example.com.");
  }

  @Test
  void delegation_referralWithoutAaAndWithGlue() throws Exception {
    Message m = ask("host.sub.example.com.", Type.A);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(m.getHeader().getFlag(Flags.AA)).isFalse();
    assertThat(m.getSection(Section.ANSWER)).isEmpty();
    assertThat(m.getSection(Section.AUTHORITY)).extracting(Record::rdataToString).containsExactly("ns1.sub.example.com.");
    assertThat(m.getSection(Section.ADDITIONAL)).extracting(Record::rdataToString).contains("192.0.2.53");
  }

  @Test
  void apexAlias_answersTargetAddressAsA() throws Exception {
    Message m = ask("example.com.", Type.A);
    assertThat(answers(m)).containsExactly("A 192.0.2.10");
    assertThat(m.getSection(Section.ANSWER).get(0).getName().toString()).isEqualTo("example.com.");
    assertThat(m.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(300);
  }

  @Test
  void mx_targetAddressInAdditional() throws Exception {
    Message m = ask("mail.example.com.", Type.MX);
    assertThat(m.getSection(Section.ADDITIONAL)).extracting(Record::rdataToString).contains("192.0.2.25");
  }

  private void albs(boolean euHealthy) {
    handler.aliasTargets(name -> switch (name.toString()) {
      case "alb-eu.elb.amazonaws.com." -> Optional.of(new AliasTargetResolver.Target(
          List.of(address("198.51.100.1"), address("2001:db8::1")), 60, euHealthy));
      case "alb-us.elb.amazonaws.com." -> Optional.of(new AliasTargetResolver.Target(
          List.of(address("198.51.100.2")), 60, true));
      default -> Optional.empty();
    });
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aliasToAwsResource_answersItsAddressesWithItsTtl_andEvaluatesTargetHealth() throws Exception {
    albs(true);
    ClientSubnetOption london = new ClientSubnetOption(24, InetAddress.getByName("10.40.1.0"));
    handler.userLocations(UserLocationTable.empty().withCity("10.40.0.0/16", "London"));
    Message m = ask("alb.example.com.", Type.A, london);
    assertThat(answers(m)).containsExactly("A 198.51.100.1");
    assertThat(m.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(60);
    assertThat(answers(ask("alb.example.com.", Type.AAAA, london))).isEmpty();
    albs(false);
    assertThat(answers(ask("alb.example.com.", Type.A, london))).containsExactly("A 198.51.100.2");
  }

  @Test
  void awsResourceNameInNoZone_answeredAuthoritatively() throws Exception {
    albs(true);
    Message m = ask("alb-eu.elb.amazonaws.com.", Type.AAAA);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(answers(m)).containsExactly("AAAA 2001:db8:0:0:0:0:0:1");
  }

  @Test
  void nameInNoZone_refused() throws Exception {
    Message m = ask("www.example.org.", Type.A);
    assertThat(m.getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(m.getHeader().getFlag(Flags.AA)).isFalse();
  }

  @Test
  void failover_followsHealthStatusSwap() throws Exception {
    assertThat(answers(ask("fo.example.com.", Type.A))).containsExactly("A 192.0.2.1");
    handler.update(s -> s.withHealth(Map.of("hc-primary", false)));
    assertThat(answers(ask("fo.example.com.", Type.A))).containsExactly("A 192.0.2.2");
  }

  @Test
  void latency_clientSubnetInSydney_sydneyRegionWithScope() throws Exception {
    assertThat(answers(ask("lat.example.com.", Type.A))).containsExactly("A 192.0.2.31"); // resolver in New York
    Message m = ask("lat.example.com.", Type.A, new ClientSubnetOption(16, InetAddress.getByName("10.20.0.0")));
    assertThat(answers(m)).containsExactly("A 192.0.2.32");
    ClientSubnetOption echo = (ClientSubnetOption) m.getOPT().getOptions(8).get(0);
    assertThat(echo.getScopePrefixLength()).isEqualTo(16);
  }
}
