package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stratus.core.ServiceModule.Endpoint;
import dev.stratus.core.Settings;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
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
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;

/**
 * Start-up answers API calls before the data planes have read the store (their first full reads
 * wait for the first answer); they still come up on their own after a restart, with no API call
 * at all: DNS answers the stored records, an ALB's listener forwards again.
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

  @Test
  void restart_withNoApiCall_anAlbListenerServesAgain() throws Exception {
    HttpServer backend = OkBackend.start();
    var settings = new Settings(0, 0, Optional.of(dir), "127.0.0.1");
    int port = freePort();
    try {
      try (var server = StratusServer.start(settings, Clock.systemUTC())) {
        URI api = URI.create("http://127.0.0.1:" + server.apiPort());
        var ec2 = client(Ec2Client.builder(), api);
        var elb = client(ElasticLoadBalancingV2Client.builder(), api);
        String vpc = ec2.describeVpcs(r -> r.filters(f -> f.name("is-default").values("true"))).vpcs().get(0).vpcId();
        var subnets = ec2.describeSubnets(r -> r.filters(f -> f.name("vpc-id").values(vpc))).subnets().stream()
            .limit(2).map(s -> s.subnetId()).toList();
        String alb = elb.createLoadBalancer(r -> r.name("kept-alb").subnets(subnets)).loadBalancers().get(0).loadBalancerArn();
        String tg = elb.createTargetGroup(r -> r.name("kept-tg").protocol(ProtocolEnum.HTTP).port(80).vpcId(vpc)
            .targetType(TargetTypeEnum.IP)).targetGroups().get(0).targetGroupArn();
        elb.registerTargets(r -> r.targetGroupArn(tg).targets(TargetDescription.builder().id("127.0.0.1")
            .port(backend.getAddress().getPort()).build()));
        elb.createListener(r -> r.loadBalancerArn(alb).protocol(ProtocolEnum.HTTP).port(port)
            .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg)));
        await().atMost(Duration.ofSeconds(20)).until(() -> albNode(server, port).isPresent());
      }
      try (var server = StratusServer.start(settings, Clock.systemUTC())) {
        var node = new AtomicReference<InetSocketAddress>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
            .until(() -> albNode(server, port).map(n -> { node.set(n); return true; }).orElse(false));
        await().atMost(Duration.ofSeconds(20)).until(() -> get(node.get()).startsWith("HTTP/1.1 200"));
      }
    } finally {
      backend.stop(0);
    }
  }

  private static Optional<InetSocketAddress> albNode(StratusServer server, int port) {
    return server.endpoints().stream().filter(e -> e.port() == port && e.description().contains("kept-alb"))
        .findFirst().map(e -> new InetSocketAddress(e.address(), e.port()));
  }

  private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, URI api) {
    return builder.endpointOverride(api).region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
  }

  private static int freePort() throws IOException {
    try (var free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return free.getLocalPort();
    }
  }

  private static String get(InetSocketAddress to) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(to, 5_000);
      s.setSoTimeout(10_000);
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: kept.example\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.ISO_8859_1));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
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
