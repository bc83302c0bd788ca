package dev.stratus.route53.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.vpc.ResolverFacts;
import dev.stratus.core.vpc.ResolverFacts.EndpointDns;
import dev.stratus.core.vpc.ResolverFacts.VpcDns;
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
import java.net.InetSocketAddress;
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
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * {@link VpcResolver}'s rules behind a real listener, each VPC asked from its instance's loopback
 * address with dnsjava: vpc-a (us-east-1, both DNS attributes on), vpc-b (DNS hostnames off) and
 * vpc-c (DNS support off). Zones: public example.com (www, api, alias to www), private
 * example.com for vpc-a (db, an alias to its own db), private
 * amazonaws.com for vpc-a (wider than the endpoint name), private only.test for vpc-b.
 */
class VpcResolverIT {

  private static final String A_HOST = "127.0.20.1";
  private static final String B_HOST = "127.0.20.2";
  private static final String C_HOST = "127.0.20.3";
  private static final String SQS = "sqs.us-east-1.amazonaws.com";

  private DnsServer server;
  private DnsServer vpcAListener;
  private VpcResolver resolver;

  private static ZoneSnapshot zone(String id, String apex, boolean isPrivate, List<HostedZone.Vpc> vpcs,
      List<ResourceRecordSet> records) {
    HostedZone zone = new HostedZone(id, "000000000000", apex, id, Optional.empty(), isPrivate, vpcs, Optional.empty(),
        List.of("ns-1.awsdns-01.com", "ns-2.awsdns-02.net", "ns-3.awsdns-03.org", "ns-4.awsdns-04.co.uk"), Instant.EPOCH);
    List<ResourceRecordSet> all = new ArrayList<>(ZoneApex.records(apex, zone.nameServers()));
    all.addAll(records);
    return ZoneSnapshot.build(zone, all);
  }

  private static ResourceRecordSet a(String name, String ip) {
    return ResourceRecordSet.simple(name, RrType.A, 60, List.of(ip));
  }

  private static ResourceRecordSet alias(String name, String zoneId, String target) {
    return new ResourceRecordSet(name, RrType.A, Optional.empty(), new RoutingPolicy.Simple(), Optional.empty(),
        List.of(), Optional.of(new AliasTarget(zoneId, target, false)), Optional.empty());
  }

  @BeforeEach
  void start() {
    ClientLocator locator = new ClientLocator(UserLocationTable.empty(), CountryDatabase.none(), GeoTables.standard());
    DnsQueryHandler handler = new DnsQueryHandler(locator, LatencyModel.standard(), () -> new SplittableRandom(1));
    HostedZone.Vpc a = new HostedZone.Vpc("vpc-a", "us-east-1");
    HostedZone.Vpc b = new HostedZone.Vpc("vpc-b", "us-east-1");
    handler.update(s -> s.withZones(ZoneIndex.of(List.of(
        zone("ZPUBLIC", "example.com.", false, List.of(), List.of(a("www.example.com.", "192.0.2.10"),
            a("api.example.com.", "192.0.2.20"), alias("alias.example.com.", "ZPUBLIC", "www.example.com."))),
        zone("ZPRIVATE", "example.com.", true, List.of(a), List.of(a("db.example.com.", "10.0.1.50"),
            alias("dbalias.example.com.", "ZPRIVATE", "db.example.com."),
            ResourceRecordSet.simple("queue.example.com.", RrType.CNAME, 60, List.of(SQS + ".")),
            ResourceRecordSet.simple("gone.example.com.", RrType.CNAME, 60, List.of("nothing.only.test.")),
            ResourceRecordSet.simple("ext.example.com.", RrType.CNAME, 60, List.of("www.internet.test.")))),
        zone("ZAWS", "amazonaws.com.", true, List.of(a), List.of(a("s3.amazonaws.com.", "10.9.9.9"))),
        zone("ZONLY", "only.test.", true, List.of(b), List.of(a("x.only.test.", "10.1.0.9")))))));
    resolver = new VpcResolver(handler);
    EndpointDns sqs = new EndpointDns("vpce-1", "com.amazonaws.us-east-1.sqs", "available", true,
        Optional.of("vpce-1.sqs.us-east-1.vpce.amazonaws.com"), List.of(SQS), List.of("10.0.1.7", "10.0.2.7"));
    EndpointDns pending = new EndpointDns("vpce-2", "com.amazonaws.vpce.us-east-1.vpce-svc-1", "pendingAcceptance", true,
        Optional.of("vpce-2.vpce-svc-1.us-east-1.vpce.amazonaws.com"), List.of("api.partner.test"), List.of("10.0.1.8"));
    resolver.facts(new ResolverFacts(List.of(
        new VpcDns("vpc-a", Optional.of("us-east-1"), true, true, List.of(A_HOST), Optional.empty(),
            Map.of("ip-10-0-1-5.ec2.internal", "10.0.1.5"), List.of(sqs, pending)),
        new VpcDns("vpc-b", Optional.of("us-east-1"), true, false, List.of(B_HOST), Optional.empty(),
            Map.of("ip-10-1-0-5.ec2.internal", "10.1.0.5"), List.of(sqs)),
        new VpcDns("vpc-c", Optional.of("us-east-1"), false, false, List.of(C_HOST), Optional.empty(), Map.of(),
            List.of()))));
    server = DnsServer.start("127.0.0.1", 0, resolver);
    vpcAListener = DnsServer.start("127.0.20.53", 0, resolver.forVpc("vpc-a"));
  }

  @AfterEach
  void stop() {
    server.close();
    vpcAListener.close();
  }

  private Message ask(String from, String name, int type) throws Exception {
    return ask(server, from, name, type);
  }

  private static Message ask(DnsServer to, String from, String name, int type) throws Exception {
    SimpleResolver r = new SimpleResolver(to.udpAddress().getAddress());
    r.setPort(to.port());
    r.setLocalAddress(new InetSocketAddress(InetAddress.getByName(from), 0));
    r.setTimeout(Duration.ofSeconds(3));
    return r.send(Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN)));
  }

  private static List<String> answers(Message m) {
    return m.getSection(Section.ANSWER).stream().map(r -> Type.string(r.getType()) + " " + r.rdataToString()).sorted()
        .toList();
  }

  @Test
  void privateZoneOfTheVpc_answersFirst_nameItLacks_nxdomainWithItsSoa() throws Exception {
    Message db = ask(A_HOST, "db.example.com", Type.A);
    assertThat(answers(db)).containsExactly("A 10.0.1.50");
    assertThat(db.getHeader().getFlag(Flags.RA)).isTrue();
    assertThat(db.getHeader().getFlag(Flags.AA)).isFalse();
    Message www = ask(A_HOST, "www.example.com", Type.A);
    assertThat(www.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(www.getSection(Section.AUTHORITY)).singleElement()
        .satisfies(r -> assertThat(r.getName().toString()).isEqualTo("example.com."));
  }

  @Test
  void aliasInThePrivateZone_answersFromThePrivateZone() throws Exception {
    assertThat(answers(ask(A_HOST, "dbalias.example.com", Type.A))).containsExactly("A 10.0.1.50");
  }

  @Test
  void endpointPrivateDnsName_moreSpecificThanAPrivateZone_answersTheEndpointIps_otherNamesStayInTheZone()
      throws Exception {
    assertThat(answers(ask(A_HOST, SQS, Type.A))).containsExactly("A 10.0.1.7", "A 10.0.2.7");
    assertThat(answers(ask(A_HOST, "vpce-1.sqs.us-east-1.vpce.amazonaws.com", Type.A)))
        .containsExactly("A 10.0.1.7", "A 10.0.2.7");
    assertThat(answers(ask(A_HOST, "s3.amazonaws.com", Type.A))).containsExactly("A 10.9.9.9");
    assertThat(ask(A_HOST, "sns.us-east-1.amazonaws.com", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    Message aaaa = ask(A_HOST, SQS, Type.AAAA);
    assertThat(aaaa.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(aaaa.getSection(Section.ANSWER)).isEmpty();
  }

  @Test
  void cnameOutOfThePrivateZone_followedInTheVpcsView_likeARecursiveResolver() throws Exception {
    assertThat(answers(ask(A_HOST, "queue.example.com", Type.A)))
        .containsExactly("A 10.0.1.7", "A 10.0.2.7", "CNAME " + SQS + ".");
    Message gone = ask(A_HOST, "gone.example.com", Type.A);
    assertThat(answers(gone)).containsExactly("CNAME nothing.only.test.");
    assertThat(gone.getRcode()).as("only.test is not vpc-a's: nobody owns the target").isEqualTo(Rcode.NOERROR);
    assertThat(answers(ask(A_HOST, "ext.example.com", Type.A))).containsExactly("CNAME www.internet.test.");
    // The shared listener answers from the public example.com, which has no such name.
    assertThat(answers(ask("127.0.0.1", "queue.example.com", Type.A))).isEmpty();
  }

  @Test
  void endpointAwaitingAcceptance_hasNoNames() throws Exception {
    assertThat(ask(A_HOST, "api.partner.test", Type.A).getRcode()).isEqualTo(Rcode.REFUSED);
    // Its regional name falls in vpc-a's private amazonaws.com zone, which lacks it.
    assertThat(ask(A_HOST, "vpce-2.vpce-svc-1.us-east-1.vpce.amazonaws.com", Type.A).getRcode())
        .isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void dnsHostnamesOff_noPrivateZonesNoEndpointPrivateDns_butRegionalEndpointNameAndHostnames() throws Exception {
    assertThat(ask(B_HOST, SQS, Type.A).getRcode()).isEqualTo(Rcode.REFUSED); // the public answer: nobody in Stratus
    assertThat(ask(B_HOST, "x.only.test", Type.A).getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(answers(ask(B_HOST, "www.example.com", Type.A))).containsExactly("A 192.0.2.10");
    assertThat(answers(ask(B_HOST, "vpce-1.sqs.us-east-1.vpce.amazonaws.com", Type.A)))
        .containsExactly("A 10.0.1.7", "A 10.0.2.7");
    assertThat(answers(ask(B_HOST, "ip-10-1-0-5.ec2.internal", Type.A))).containsExactly("A 10.1.0.5");
    assertThat(ask(B_HOST, "ip-10-0-1-5.ec2.internal", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void dnsSupportOff_theResolverRefusesEverything() throws Exception {
    assertThat(ask(C_HOST, "www.example.com", Type.A).getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void otherSources_answeredAsBefore_privateZonesOnTheSharedListener() throws Exception {
    Message www = ask("127.0.0.1", "www.example.com", Type.A);
    assertThat(answers(www)).containsExactly("A 192.0.2.10");
    assertThat(www.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(answers(ask("127.0.0.1", "x.only.test", Type.A))).containsExactly("A 10.1.0.9");
    // The shared listener serves a private zone where no public zone has its apex, as before.
    assertThat(ask("127.0.0.1", SQS, Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(ask("127.0.0.1", "ip-10-0-1-5.ec2.internal", Type.A).getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(resolver.answersAlike(InetAddress.getByName("127.0.0.1"))).isTrue();
    assertThat(resolver.answersAlike(InetAddress.getByName(A_HOST))).isFalse();
  }

  @Test
  void vpcListener_answersAsTheVpcWhateverTheSource() throws Exception {
    assertThat(answers(ask(vpcAListener, "127.0.0.1", SQS, Type.A))).containsExactly("A 10.0.1.7", "A 10.0.2.7");
    assertThat(answers(ask(vpcAListener, B_HOST, "db.example.com", Type.A))).containsExactly("A 10.0.1.50");
    resolver.facts(ResolverFacts.NONE);
    assertThat(ask(vpcAListener, "127.0.0.1", SQS, Type.A).getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(answers(ask(A_HOST, "www.example.com", Type.A))).as("the instance is no VPC's any more")
        .containsExactly("A 192.0.2.10");
  }
}
