package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.stratus.core.ClientLocation;
import dev.stratus.core.ServiceModule.Endpoint;
import dev.stratus.core.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ClientSubnetOption;
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
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * CloudFront's DNS, as Stratus runs it whole: a distribution made through the SDK, its name
 * {@code <id>.cloudfront.localhost} (and a Route 53 alias record to its {@code d….cloudfront.net}
 * name) asked through Stratus's DNS listener with dnsjava from source addresses the configuration
 * puts in Sydney and Frankfurt, and from an unplaced one: each gets the address of the edge
 * nearest it, and the edge at that address serves the viewer (X-Amz-Cf-Pop).
 */
class CloudFrontEdgeDnsIT {
  static final String SYDNEY = "127.71.0.1";
  static final String FRANKFURT = "127.72.0.1";
  static final String UNPLACED = "127.0.0.1";

  static StratusServer server;
  static HttpServer origin;

  @BeforeAll
  static void start() throws Exception {
    origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    origin.createContext("/", ex -> {
      byte[] body = "from the origin".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    origin.start();
    server = StratusServer.start(Settings.ephemeral(0, 0).withClientLocations(List.of(
        ClientLocation.ofCity("127.71.0.0/16", "Sydney"), ClientLocation.ofCity("127.72.0.0/16", "Frankfurt"),
        ClientLocation.ofCity("10.20.0.0/16", "Sydney"))), Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) server.close();
    if (origin != null) origin.stop(0);
  }

  @Test
  void distributionName_andAnAliasToIt_answerEachClientItsNearestEdge() throws Exception {
    var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"));
    URI api = URI.create("http://127.0.0.1:" + server.apiPort());
    var cf = CloudFrontClient.builder().region(Region.AWS_GLOBAL).endpointOverride(api).credentialsProvider(creds)
        .httpClient(UrlConnectionHttpClient.create()).build();
    var r53 = Route53Client.builder().region(Region.AWS_GLOBAL).endpointOverride(api).credentialsProvider(creds)
        .httpClient(UrlConnectionHttpClient.create()).build();
    var d = cf.createDistribution(r -> r.distributionConfig(c -> c.callerReference("dns-1").comment("").enabled(true)
        .origins(o -> o.quantity(1).items(i -> i.id("o").domainName("localhost")
            .customOriginConfig(x -> x.httpPort(origin.getAddress().getPort()).httpsPort(443).originProtocolPolicy("http-only"))))
        .defaultCacheBehavior(b -> b.targetOriginId("o").viewerProtocolPolicy("allow-all")
            .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6")))).distribution();
    String name = d.domainName().replace(".cloudfront.net", ".cloudfront.localhost");
    String zone = r53.createHostedZone(b -> b.name("cdn-site.test").callerReference("z")).hostedZone().id();
    r53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(c -> c.changes(Change.builder()
        .action(ChangeAction.CREATE).resourceRecordSet(ResourceRecordSet.builder().name("www.cdn-site.test").type("A")
            .aliasTarget(t -> t.hostedZoneId("Z2FDTNDATAQYW2").dnsName(d.domainName()).evaluateTargetHealth(false)).build())
        .build())));
    int dnsPort = server.endpoints().stream().filter(e -> e.description().equals("Route 53 DNS")).findFirst()
        .orElseThrow().port();
    String syd = edgeAddress("SYD62");
    String fra = edgeAddress("FRA56");
    String iad = edgeAddress("IAD89");
    assertThat(List.of(syd, fra, iad)).doesNotHaveDuplicates();

    await().atMost(Duration.ofSeconds(20)).until(() -> answer(dnsPort, SYDNEY, name, Optional.empty()).equals(List.of(syd)));
    for (int round = 0; round < 3; round++) { // asked again and again: no client gets another's answer
      assertThat(answer(dnsPort, SYDNEY, name, Optional.empty())).containsExactly(syd);
      assertThat(answer(dnsPort, FRANKFURT, name, Optional.empty())).containsExactly(fra);
      assertThat(answer(dnsPort, UNPLACED, name, Optional.empty())).as("default location us-east-1").containsExactly(iad);
    }
    await().atMost(Duration.ofSeconds(10))
        .until(() -> answer(dnsPort, SYDNEY, "www.cdn-site.test", Optional.empty()).equals(List.of(syd)));
    assertThat(answer(dnsPort, FRANKFURT, "www.cdn-site.test", Optional.empty())).containsExactly(fra);
    assertThat(answer(dnsPort, UNPLACED, "www.cdn-site.test", Optional.empty())).containsExactly(iad);
    assertThat(answer(dnsPort, UNPLACED, "www.cdn-site.test", Optional.of("10.20.1.0"))).as("EDNS client subnet in Sydney")
        .containsExactly(syd);

    // the viewer goes where DNS sent it, and that edge serves it
    int port = edgePort("SYD62");
    String reply = "";
    for (int attempt = 0; attempt < 50 && !reply.contains("from the origin"); attempt++) {
      reply = get(SYDNEY, new InetSocketAddress(syd, port), name);
      if (!reply.contains("from the origin")) Thread.sleep(200);
    }
    assertThat(reply).startsWith("HTTP/1.1 200").containsIgnoringCase("X-Amz-Cf-Pop: SYD62");
  }

  private static Endpoint edge(String code) {
    return server.endpoints().stream().filter(e -> e.description().startsWith("CloudFront edge " + code)
        && e.protocol().equals("http")).findFirst().orElseThrow();
  }

  private static String edgeAddress(String code) { return edge(code).address(); }

  private static int edgePort(String code) { return edge(code).port(); }

  /** The A records for {@code name}, asked from source address {@code from} (dig -b FROM). */
  private static List<String> answer(int port, String from, String name, Optional<String> subnet) throws Exception {
    SimpleResolver resolver = new SimpleResolver(InetAddress.getByName("127.0.0.1"));
    resolver.setPort(port);
    resolver.setLocalAddress(new InetSocketAddress(InetAddress.getByName(from), 0));
    resolver.setTimeout(Duration.ofSeconds(3));
    if (subnet.isPresent()) {
      resolver.setEDNS(0, 1232, 0, List.of(new ClientSubnetOption(24, InetAddress.getByName(subnet.get()))));
    }
    Message m = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, DClass.IN)));
    return m.getSection(Section.ANSWER).stream().map(Record::rdataToString).toList();
  }

  private static String get(String from, InetSocketAddress edge, String host) throws IOException {
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(from, 0));
      s.connect(edge, 3_000);
      s.setSoTimeout(5_000);
      OutputStream out = s.getOutputStream();
      out.write(("GET /dns HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
