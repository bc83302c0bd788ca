package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stratus.core.ClientLocation;
import dev.stratus.core.ServiceModule.Endpoint;
import dev.stratus.core.Settings;
import dev.stratus.core.testing.RequiredTool;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The whole application as {@code stratus start --ephemeral} runs it, with a client-location
 * table in its settings: the AWS SDK creates records, {@code dig} (when installed; CI installs
 * dnsutils) asks the DNS listener the app reports in {@code /_stratus/endpoints}.
 */
class StratusDnsIT {

  private static final Settings SETTINGS = Settings.ephemeral(0, 0).withClientLocations(List.of(
      ClientLocation.ofCity("10.20.0.0/16", "Sydney"), ClientLocation.ofCity("10.30.0.0/16", "London")));

  @Test
  void start_reportsRealListeners_andDigSeesSdkRecordsRoutedByTheConfiguredLocations() throws Exception {
    try (var server = StratusServer.start(SETTINGS, Clock.systemUTC());
        var r53 = Route53Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + server.apiPort()))
            .region(Region.AWS_GLOBAL).httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
      List<Endpoint> listed = LocalApi.get("127.0.0.1", server.apiPort(), "/_stratus/endpoints")
          .map(EndpointsJson::read).orElseThrow();
      assertThat(listed).isEqualTo(server.endpoints());
      Endpoint dns = listed.stream().filter(e -> e.description().equals("Route 53 DNS")).findFirst().orElseThrow();
      assertThat(dns.protocol()).isEqualTo("udp+tcp");
      assertThat(dns.port()).isPositive();

      String zone = r53.createHostedZone(b -> b.name("example.test").callerReference("z")).hostedZone().id();
      r53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(c -> c.changes(
          create(a("www.example.test", "192.0.2.1").build()),
          create(a("api.example.test", "192.0.2.10").setIdentifier("syd").region("ap-southeast-2").build()),
          create(a("api.example.test", "192.0.2.20").setIdentifier("dub").region("eu-west-1").build()))));

      RequiredTool.require("dig", RequiredTool.onPath("dig"));
      await().atMost(Duration.ofSeconds(10)).until(() -> dig(dns.port(), "+short", "www.example.test", "A").equals("192.0.2.1"));
      assertThat(dig(dns.port(), "+short", "+subnet=10.20.1.0/24", "api.example.test", "A")).isEqualTo("192.0.2.10");
      assertThat(dig(dns.port(), "+short", "+subnet=10.30.1.0/24", "api.example.test", "A")).isEqualTo("192.0.2.20");
      assertThat(dig(dns.port(), "+tcp", "+short", "+subnet=10.20.1.0/24", "api.example.test", "A")).isEqualTo("192.0.2.10");
      String positive = dig(dns.port(), "+subnet=10.20.1.0/24", "api.example.test", "A");
      assertThat(positive).contains("status: NOERROR").containsPattern("flags: qr aa").contains("CLIENT-SUBNET: 10.20.1.0/24/24");
      assertThat(dig(dns.port(), "nope.example.test", "A")).contains("status: NXDOMAIN").contains("SOA");
      String nodata = dig(dns.port(), "www.example.test", "AAAA");
      assertThat(nodata).contains("status: NOERROR").contains("ANSWER: 0").contains("SOA");
      assertThat(dig(dns.port(), "www.elsewhere.test", "A")).contains("status: REFUSED");

      r53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(c -> c.changes(Change.builder()
          .action(ChangeAction.UPSERT).resourceRecordSet(a("www.example.test", "192.0.2.2").build()).build())));
      await().atMost(Duration.ofSeconds(5)).until(() -> dig(dns.port(), "+short", "www.example.test", "A").equals("192.0.2.2"));
    }
  }

  private static Change create(ResourceRecordSet rrs) {
    return Change.builder().action(ChangeAction.CREATE).resourceRecordSet(rrs).build();
  }

  private static ResourceRecordSet.Builder a(String name, String value) {
    return ResourceRecordSet.builder().name(name).type("A").ttl(60L).resourceRecords(ResourceRecord.builder().value(value).build());
  }

  /** dig's output (trimmed) asking 127.0.0.1 on {@code port}, one try, 2 s timeout. */
  private static String dig(int port, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("dig", "@127.0.0.1", "-p", String.valueOf(port), "+time=2", "+tries=1"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("dig did not finish");
    }
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
  }
}
