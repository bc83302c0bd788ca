package dev.stratus.route53.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.dns.DnsQueryClient;
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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Names whose addresses depend on who asks (DnsTargetRegistry#put(target, ClientAddresses), what
 * CloudFront registers its distributions as), through a real resolver from two loopback source
 * addresses the locator puts in Sydney and Frankfurt, and with client subnets: the direct name
 * and an alias record to it (hosted zone Z2FDTNDATAQYW2) answer each client its own address,
 * every time (the answer cache never hands one client's answer to another), and an unplaced
 * client is answered from the default location.
 */
class Route53PerClientTargetsIT {

  private static final String SYDNEY = "127.71.0.1";
  private static final String FRANKFURT = "127.72.0.1";
  private static final String UNPLACED = "127.0.0.1";
  private static final String SYD_EDGE = "127.0.9.61";
  private static final String FRA_EDGE = "127.0.9.56";
  private static final String IAD_EDGE = "127.0.9.89";
  private static final String NAME = "d111abcdef8.cloudfront.net";

  private final ManualTime time = new ManualTime(Instant.parse("2026-12-07T08:00:00Z"));
  private final DnsTargetRegistry registry = DnsTargetRegistry.inMemory();
  /** Every client the registry was asked about, in order. */
  private final ConcurrentLinkedQueue<DnsQueryClient> asked = new ConcurrentLinkedQueue<>();
  private ApiTestServer api;
  private Route53Client r53;
  private Route53DataPlane plane;
  private DnsServer dns;
  private String zone;

  @BeforeEach
  void start() throws Exception {
    HealthChecker checker = new HealthChecker(time.clock(), new EndpointProbe(time.clock()), UnaryOperator.identity(),
        time.scheduler(), time.scheduler());
    DnsQueryHandler handler = new DnsQueryHandler(ClientLocator.standard(UserLocationTable.empty()
        .withCity("127.71.0.0/16", "Sydney").withCity("127.72.0.0/16", "Frankfurt")
        .withCity("10.20.0.0/16", "Sydney").withCity("10.30.0.0/16", "Frankfurt")),
        LatencyModel.standard(), java.util.concurrent.ThreadLocalRandom::current);
    handler.aliasTargets(AliasTargetResolver.of(registry));
    api = ApiTestServer.start(Clock.systemUTC(), new Route53Module());
    r53 = api.client(Route53Client.builder());
    plane = Route53DataPlane.attach(api.context().store(), checker, handler);
    dns = DnsServer.start("127.0.0.1", 0, handler);
    zone = r53.createHostedZone(b -> b.name("site.test").callerReference("z")).hostedZone().id();
    // "the edge nearest the client": south of the equator Sydney, east of Greenwich Frankfurt, else Ashburn
    registry.put(new DnsTarget(NAME, List.of(InetAddress.getByName(IAD_EDGE)), 60, true), client -> {
      asked.add(client);
      String edge = client.latitude() < 0 ? SYD_EDGE : client.longitude() > 0 ? FRA_EDGE : IAD_EDGE;
      try {
        return List.of(InetAddress.getByName(edge));
      } catch (java.net.UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    });
    registry.put(new DnsTarget("fixed.us-east-1.elb.localhost", List.of(InetAddress.getByName("127.0.9.1")), 60, true));
    r53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(c -> c.changes(
        create(ResourceRecordSet.builder().name("www.site.test").type("A").aliasTarget(t -> t
            .hostedZoneId("Z2FDTNDATAQYW2").dnsName(NAME).evaluateTargetHealth(false)).build()))));
    plane.awaitRebuilt();
  }

  @AfterEach
  void stop() {
    dns.close();
    plane.close();
    r53.close();
    api.close();
  }

  @Test
  void directName_fromSydneyAndFrankfurt_eachItsNearestAddress_everyTime() throws Exception {
    for (int round = 0; round < 3; round++) {
      assertThat(answers(SYDNEY, NAME, Optional.empty())).as("round %d", round).containsExactly(SYD_EDGE);
      assertThat(answers(FRANKFURT, NAME, Optional.empty())).as("round %d", round).containsExactly(FRA_EDGE);
    }
    Message direct = send(SYDNEY, NAME, Type.A, Optional.empty());
    assertThat(direct.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(direct.getSection(Section.ANSWER).getFirst().getTTL()).isEqualTo(60);
    assertThat(asked).as("the registry was told who asked").anySatisfy(c -> {
      assertThat(c.address().getHostAddress()).isEqualTo(SYDNEY);
      assertThat(c.placed()).isTrue();
      assertThat(c.prefixLength()).isEqualTo(32);
    });
  }

  @Test
  void aliasToTheDistribution_followsTheSamePerClientAnswer() throws Exception {
    for (int round = 0; round < 3; round++) {
      assertThat(answers(SYDNEY, "www.site.test", Optional.empty())).containsExactly(SYD_EDGE);
      assertThat(answers(FRANKFURT, "www.site.test", Optional.empty())).containsExactly(FRA_EDGE);
    }
    Message alias = send(FRANKFURT, "www.site.test", Type.A, Optional.empty());
    assertThat(alias.getSection(Section.ANSWER).getFirst().getName().toString()).isEqualTo("www.site.test.");
  }

  @Test
  void clientSubnet_placesTheClient_andTheScopeIsTheSubnets() throws Exception {
    Message fromSydney = send(UNPLACED, NAME, Type.A, Optional.of("10.20.1.0"));
    assertThat(fromSydney.getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly(SYD_EDGE);
    assertThat(scope(fromSydney)).isEqualTo(24);
    assertThat(answers(UNPLACED, NAME, Optional.of("10.30.1.0"))).containsExactly(FRA_EDGE);
    Message alias = send(UNPLACED, "www.site.test", Type.A, Optional.of("10.30.1.0"));
    assertThat(alias.getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly(FRA_EDGE);
    assertThat(scope(alias)).isEqualTo(24);
    Message fixed = send(UNPLACED, "fixed.us-east-1.elb.localhost", Type.A, Optional.of("10.20.1.0"));
    assertThat(fixed.getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("127.0.9.1");
    assertThat(scope(fixed)).as("a fixed name's answer is for everyone").isZero();
  }

  @Test
  void unplacedClient_answeredFromTheDefaultLocation() throws Exception {
    assertThat(answers(UNPLACED, NAME, Optional.empty())).containsExactly(IAD_EDGE);
    assertThat(answers(UNPLACED, "www.site.test", Optional.empty())).containsExactly(IAD_EDGE);
    assertThat(asked).filteredOn(c -> c.address().getHostAddress().equals(UNPLACED)).allSatisfy(c -> {
      assertThat(c.placed()).isFalse();
      assertThat(c.latitude()).isBetween(38.0, 40.0); // us-east-1: Ashburn
    });
    // after an unplaced client, a placed one still gets its own answer (nothing cached across them)
    assertThat(answers(SYDNEY, NAME, Optional.empty())).containsExactly(SYD_EDGE);
    assertThat(answers(UNPLACED, NAME, Optional.empty())).containsExactly(IAD_EDGE);
  }

  private List<String> answers(String from, String name, Optional<String> subnet) throws Exception {
    return send(from, name, Type.A, subnet).getSection(Section.ANSWER).stream().map(Record::rdataToString).toList();
  }

  /** A query over UDP from source address {@code from}, as dig -b FROM would send it. */
  private Message send(String from, String name, int type, Optional<String> subnet) throws Exception {
    SimpleResolver resolver = new SimpleResolver(InetAddress.getByName("127.0.0.1"));
    resolver.setPort(dns.port());
    resolver.setLocalAddress(new InetSocketAddress(InetAddress.getByName(from), 0));
    resolver.setTimeout(Duration.ofSeconds(3));
    if (subnet.isPresent()) {
      resolver.setEDNS(0, 1232, 0, List.of(new ClientSubnetOption(24, InetAddress.getByName(subnet.get()))));
    } else {
      resolver.setEDNS(-1);
    }
    return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN)));
  }

  private static int scope(Message response) {
    List<EDNSOption> options = response.getOPT().getOptions(EDNSOption.Code.CLIENT_SUBNET);
    return ((ClientSubnetOption) options.getFirst()).getScopePrefixLength();
  }

  private static Change create(ResourceRecordSet rrs) {
    return Change.builder().action(ChangeAction.CREATE).resourceRecordSet(rrs).build();
  }
}
