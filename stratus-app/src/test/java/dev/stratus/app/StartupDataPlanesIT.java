package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stratus.core.ServiceModule.Endpoint;
import dev.stratus.core.Settings;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;

/**
 * Start-up answers API calls before the data planes have read the store (their first full reads
 * wait for the first answer); they still come up on their own, with no API call at all.
 */
class StartupDataPlanesIT {
  @TempDir Path dir;

  @Test
  void restart_withNoApiCall_dnsStillAnswersTheStoredRecords() throws Exception {
    var settings = new Settings(0, 0, Optional.of(dir), "127.0.0.1");
    try (var server = StratusServer.start(settings, Clock.systemUTC()); var r53 = route53(server)) {
      String zone = r53.createHostedZone(b -> b.name("restart.test").callerReference("r")).hostedZone().id();
      r53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(c -> c.changes(ch -> ch.action(ChangeAction.CREATE)
          .resourceRecordSet(r -> r.name("www.restart.test").type("A").ttl(60L).resourceRecords(v -> v.value("192.0.2.7"))))));
    }
    try (var server = StratusServer.start(settings, Clock.systemUTC())) {
      int dns = server.endpoints().stream().filter(e -> e.description().equals("Route 53 DNS"))
          .mapToInt(Endpoint::port).findFirst().orElseThrow();
      // At most StratusServer.SETTLE_AT_MOST after listening, plus the read itself.
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
          .until(() -> answer(dns, "www.restart.test."), "192.0.2.7"::equals);
      try (var r53 = route53(server)) {
        assertThat(r53.listHostedZones().hostedZones()).extracting(z -> z.name()).containsExactly("restart.test.");
      }
    }
  }

  private static Route53Client route53(StratusServer server) {
    return Route53Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + server.apiPort()))
        .region(Region.AWS_GLOBAL).httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
  }

  /** The first A record's address in the answer, or "" (none yet, or no answer). */
  private static String answer(int port, String name) {
    try {
      var resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
      resolver.setPort(port);
      resolver.setTimeout(Duration.ofMillis(500));
      Message reply = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN)));
      return reply.getSection(Section.ANSWER).stream().filter(r -> r.getType() == Type.A)
          .map(Record::rdataToString).findFirst().orElse("");
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
