package dev.stratus.route53.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.stratus.core.testing.ManualTime;
import dev.stratus.net.dns.DnsServer;
import dev.stratus.net.geo.ClientLocator;
import dev.stratus.net.geo.CountryDatabase;
import dev.stratus.net.geo.GeoTables;
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
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
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
 * Seed 001's routing through the real API and the real DNS listener: a Route53Client creates the
 * zone, a latency pair and a health-checked failover pair; dnsjava queries with client subnets
 * placed in London and New York; stopping the primary's web server moves the failover answer.
 */
class Route53ApiToDnsIT {

  private static Change create(ResourceRecordSet rrs) {
    return Change.builder().action(ChangeAction.CREATE).resourceRecordSet(rrs).build();
  }

  private static ResourceRecordSet.Builder a(String name, String value) {
    return ResourceRecordSet.builder().name(name).type("A").ttl(60L)
        .resourceRecords(ResourceRecord.builder().value(value).build());
  }

  private static List<String> ask(DnsServer dns, String name, String subnet) throws Exception {
    SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
    resolver.setPort(dns.port());
    resolver.setTimeout(Duration.ofSeconds(3));
    resolver.setEDNS(0, 1232, 0, List.of(new ClientSubnetOption(24, InetAddress.getByName(subnet))));
    Message m = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN)));
    return m.getSection(Section.ANSWER).stream().map(Record::rdataToString).toList();
  }

  @Test
  void seed001_latencyAndFailover_servedOverDns() throws Exception {
    HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    web.createContext("/health", ex -> {
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    web.start();
    // Health-check timers fire when the test moves this clock; probes run on the test's thread.
    ManualTime time = new ManualTime(Instant.parse("2026-12-01T00:00:00Z"));
    HealthChecker checker = new HealthChecker(time.clock(), new EndpointProbe(time.clock()), UnaryOperator.identity(),
        time.scheduler(), time.scheduler());
    DnsQueryHandler handler = new DnsQueryHandler(new ClientLocator(UserLocationTable.empty()
        .withCity("10.20.0.0/16", "London").withCity("10.30.0.0/16", "New York"), CountryDatabase.none(),
        GeoTables.standard()), LatencyModel.standard(), () -> new SplittableRandom(5));
    try (ApiTestServer api = ApiTestServer.start(Clock.systemUTC(), new Route53Module());
        Route53Client r53 = api.client(Route53Client.builder());
        Route53DataPlane plane = Route53DataPlane.attach(api.context().store(), checker, handler);
        DnsServer dns = DnsServer.start("127.0.0.1", 0, handler)) {
      String zone = r53.createHostedZone(b -> b.name("myapp.com").callerReference("z1")).hostedZone().id();
      String hc = r53.createHealthCheck(b -> b.callerReference("hc1").healthCheckConfig(c -> c.type("HTTP")
          .ipAddress("127.0.0.1").port(web.getAddress().getPort()).resourcePath("/health").requestInterval(10)
          .failureThreshold(1))).healthCheck().id();
      r53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(c -> c.changes(
          create(a("api.myapp.com", "192.0.2.10").setIdentifier("eu-west-1").region("eu-west-1").build()),
          create(a("api.myapp.com", "192.0.2.20").setIdentifier("us-east-1").region("us-east-1").build()),
          create(a("failover.myapp.com", "192.0.2.30").setIdentifier("primary").failover("PRIMARY")
              .healthCheckId(hc).build()),
          create(a("failover.myapp.com", "192.0.2.40").setIdentifier("secondary").failover("SECONDARY").build()))));
      plane.awaitRebuilt();

      assertThat(ask(dns, "api.myapp.com.", "10.20.1.0")).containsExactly("192.0.2.10");
      assertThat(ask(dns, "api.myapp.com.", "10.30.1.0")).containsExactly("192.0.2.20");
      assertThat(ask(dns, "failover.myapp.com.", "10.20.1.0")).containsExactly("192.0.2.30");

      time.advance(Duration.ZERO); // the first probe: healthy

      checker.awaitProbes(Duration.ofSeconds(10));
      assertThat(ask(dns, "failover.myapp.com.", "10.20.1.0")).containsExactly("192.0.2.30");
      web.stop(0);
      time.advance(Duration.ofSeconds(10)); // the next probe fails; threshold 1
      checker.awaitProbes(Duration.ofSeconds(10));
      assertThat(ask(dns, "failover.myapp.com.", "10.20.1.0")).containsExactly("192.0.2.40");
    } finally {
      web.stop(0);
    }
  }
}
