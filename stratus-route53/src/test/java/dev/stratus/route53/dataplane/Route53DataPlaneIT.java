package dev.stratus.route53.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.stratus.core.testing.ManualTime;
import dev.stratus.core.store.MemoryStore;
import dev.stratus.net.dns.DnsServer;
import dev.stratus.net.geo.ClientLocator;
import dev.stratus.net.geo.CountryDatabase;
import dev.stratus.net.geo.GeoTables;
import dev.stratus.net.geo.LatencyModel;
import dev.stratus.net.geo.UserLocationTable;
import dev.stratus.net.health.EndpointProbe;
import dev.stratus.net.health.HealthChecker;
import dev.stratus.route53.model.HealthCheck;
import dev.stratus.route53.model.HealthCheckConfig;
import dev.stratus.route53.model.HealthCheckType;
import dev.stratus.route53.model.HostedZone;
import dev.stratus.route53.model.ResourceRecordSet;
import dev.stratus.route53.model.RoutingPolicy;
import dev.stratus.route53.model.Route53Tables;
import dev.stratus.route53.model.RrType;
import dev.stratus.route53.model.ZoneApex;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Committed store state → DNS answers, end to end: a zone written to a MemoryStore is served,
 * a later change is served after the rebuild, and a failover pair follows a real HTTP health
 * check against a loopback server that is stopped.
 */
class Route53DataPlaneIT {

  private static final String ZONE_ID = "ZTEST1";
  private static final String ACCOUNT = "000000000000";

  private static HostedZone zone() {
    return new HostedZone(ZONE_ID, ACCOUNT, "example.net.", "ref", Optional.empty(), false, List.of(),
        Optional.empty(), List.of("ns-1.awsdns-01.com", "ns-2.awsdns-02.net", "ns-3.awsdns-03.org",
        "ns-4.awsdns-04.co.uk"), Instant.EPOCH);
  }

  private static void putRecord(MemoryStore store, ResourceRecordSet rrs) {
    store.write(tx -> {
      tx.put(Route53Tables.RECORD_SETS, ZONE_ID, rrs.key().storeId(), rrs);
      return null;
    });
  }

  private static HealthCheck httpCheck(String id, int port) {
    HealthCheckConfig config = new HealthCheckConfig(HealthCheckType.HTTP, Optional.of("127.0.0.1"), Optional.of(port),
        Optional.empty(), Optional.of("/"), Optional.empty(), 10, 1, false, false, false, Optional.empty(),
        Optional.empty(), List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty());
    return new HealthCheck(id, ACCOUNT, "ref-" + id, config, 1, Instant.EPOCH);
  }

  private static List<String> ask(DnsServer server, String name) throws Exception {
    SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
    resolver.setPort(server.port());
    resolver.setTimeout(Duration.ofSeconds(3));
    Message m = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN)));
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    return m.getSection(Section.ANSWER).stream().map(Record::rdataToString).toList();
  }

  @Test
  void storeChanges_andHealthFlips_reachDnsAnswers() throws Exception {
    HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    web.createContext("/", ex -> {
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    web.start();
    MemoryStore store = new MemoryStore();
    store.write(tx -> {
      tx.put(Route53Tables.HOSTED_ZONES, ACCOUNT, ZONE_ID, zone());
      for (ResourceRecordSet r : ZoneApex.records("example.net.", zone().nameServers())) {
        tx.put(Route53Tables.RECORD_SETS, ZONE_ID, r.key().storeId(), r);
      }
      return null;
    });
    // Health-check timers fire when the test moves this clock; probes run on the test's thread.
    ManualTime time = new ManualTime(Instant.parse("2026-12-01T00:00:00Z"));
    HealthChecker checker = new HealthChecker(time.clock(), new EndpointProbe(time.clock()), UnaryOperator.identity(),
        time.scheduler(), time.scheduler());
    DnsQueryHandler handler = new DnsQueryHandler(new ClientLocator(UserLocationTable.empty(), CountryDatabase.none(),
        GeoTables.standard()), LatencyModel.standard(), () -> new SplittableRandom(3));
    try (Route53DataPlane plane = Route53DataPlane.attach(store, checker, handler);
        DnsServer server = DnsServer.start("127.0.0.1", 0, handler)) {
      putRecord(store, ResourceRecordSet.simple("www.example.net.", RrType.A, 60, List.of("192.0.2.1")));
      plane.awaitRebuilt();
      assertThat(ask(server, "www.example.net.")).containsExactly("192.0.2.1");

      putRecord(store, ResourceRecordSet.simple("www.example.net.", RrType.A, 60, List.of("192.0.2.2")));
      plane.awaitRebuilt();
      assertThat(ask(server, "www.example.net.")).containsExactly("192.0.2.2");

      store.write(tx -> {
        tx.put(Route53Tables.HEALTH_CHECKS, ACCOUNT, "hc-1", httpCheck("hc-1", web.getAddress().getPort()));
        return null;
      });
      putRecord(store, new ResourceRecordSet("app.example.net.", RrType.A, Optional.of("p"),
          new RoutingPolicy.Failover(RoutingPolicy.Failover.Role.PRIMARY), Optional.of(60L), List.of("192.0.2.10"),
          Optional.empty(), Optional.of("hc-1")));
      putRecord(store, new ResourceRecordSet("app.example.net.", RrType.A, Optional.of("s"),
          new RoutingPolicy.Failover(RoutingPolicy.Failover.Role.SECONDARY), Optional.of(60L), List.of("192.0.2.20"),
          Optional.empty(), Optional.empty()));
      plane.awaitRebuilt();
      assertThat(ask(server, "app.example.net.")).containsExactly("192.0.2.10");

      time.advance(Duration.ZERO); // the first probe: healthy

      checker.awaitProbes(Duration.ofSeconds(10));
      assertThat(ask(server, "app.example.net.")).containsExactly("192.0.2.10");
      web.stop(0);
      time.advance(Duration.ofSeconds(10)); // the next probe fails; threshold 1
      checker.awaitProbes(Duration.ofSeconds(10));
      assertThat(ask(server, "app.example.net.")).containsExactly("192.0.2.20");
      HealthCheck hc = store.get(Route53Tables.HEALTH_CHECKS, ACCOUNT, "hc-1").orElseThrow();
      assertThat(plane.healthStatusSource().observations(hc)).isNotEmpty()
          .allSatisfy(o -> assertThat(o.status()).startsWith("Failure: Connection refused"));

      store.write(tx -> {
        tx.delete(Route53Tables.HOSTED_ZONES, ACCOUNT, ZONE_ID);
        return null;
      });
      plane.awaitRebuilt();
      assertThat(handler.state().zones().byOrigin()).isEmpty();
    } finally {
      web.stop(0);
    }
  }
}
