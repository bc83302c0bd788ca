package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stratus.core.Settings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.VPCRegion;

/**
 * The VPC resolver (Route 53 Resolver / AmazonProvidedDNS) as a user meets it: the whole app,
 * VPC, endpoint, instance and zones built through the AWS SDK, and real DNS queries sent from the
 * instance's {@code stratus:host} loopback address (dnsjava's resolver bound to it, and {@code dig
 * -b} when installed) against queries from 127.0.0.1, which keep the shared listener's answers.
 * Seed 001's failure case both ways: DNS hostnames off → the public answer; on → the endpoint.
 */
class VpcResolverIT {

  /** The instance's process: queries from here are the VPC's. */
  private static final String HOST = "127.0.10.5";
  private static final String SERVICE = "secretsmanager.eu-west-1.amazonaws.com";
  private static final String PUBLIC_IP = "52.95.120.10";

  private static StratusServer server;
  private static Ec2Client ec2;
  private static Route53Client r53;
  private static int dnsPort;
  private static String vpc;
  private static String instancePrivateIp;
  private static String endpointIp;

  @BeforeAll
  static void start() throws Exception {
    server = StratusServer.start(Settings.ephemeral(0, 0), Clock.systemUTC());
    URI api = URI.create("http://127.0.0.1:" + server.apiPort());
    var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    ec2 = Ec2Client.builder().endpointOverride(api).region(Region.EU_WEST_1).httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(credentials).build();
    r53 = Route53Client.builder().endpointOverride(api).region(Region.AWS_GLOBAL).httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(credentials).build();
    dnsPort = server.endpoints().stream().filter(e -> e.description().equals("Route 53 DNS")).findFirst().orElseThrow().port();

    vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    ec2.modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(b -> b.value(true)));
    String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("eu-west-1a"))
        .subnet().subnetId();
    var endpoint = ec2.createVpcEndpoint(r -> r.vpcId(vpc).vpcEndpointType(VpcEndpointType.INTERFACE)
        .serviceName("com.amazonaws.eu-west-1.secretsmanager").subnetIds(subnet).privateDnsEnabled(true)).vpcEndpoint();
    endpointIp = ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(endpoint.networkInterfaceIds()))
        .networkInterfaces().get(0).privateIpAddress();
    var instance = ec2.runInstances(r -> r.imageId("ami-12345678").subnetId(subnet).minCount(1).maxCount(1)
        .tagSpecifications(t -> t.resourceType(ResourceType.INSTANCE).tags(x -> x.key("stratus:host").value(HOST))))
        .instances().get(0);
    instancePrivateIp = instance.privateIpAddress();

    // The public DNS as Stratus knows it: a public zone stands for the internet's answer.
    String publicAws = r53.createHostedZone(b -> b.name("eu-west-1.amazonaws.com").callerReference("public-aws"))
        .hostedZone().id();
    upsert(publicAws, SERVICE, PUBLIC_IP);
    // Split horizon: corp.internal is public and private (associated with the VPC).
    String publicCorp = r53.createHostedZone(b -> b.name("corp.internal").callerReference("public-corp")).hostedZone().id();
    upsert(publicCorp, "db.corp.internal", "198.51.100.1");
    upsert(publicCorp, "www.corp.internal", "198.51.100.2");
    String privateCorp = r53.createHostedZone(b -> b.name("corp.internal").callerReference("private-corp")
        .vpc(v -> v.vpcId(vpc).vpcRegion(VPCRegion.EU_WEST_1)).hostedZoneConfig(c -> c.privateZone(true))).hostedZone().id();
    upsert(privateCorp, "db.corp.internal", "10.0.1.50");
    // A private zone of another VPC is nobody else's business.
    // (Route 53 refuses a VPC that does not exist, so the other VPC is a real one.)
    String otherVpc = ec2.createVpc(r -> r.cidrBlock("10.9.0.0/16")).vpc().vpcId();
    r53.createHostedZone(b -> b.name("other.internal").callerReference("private-other")
        .vpc(v -> v.vpcId(otherVpc).vpcRegion(VPCRegion.EU_WEST_1)).hostedZoneConfig(c -> c.privateZone(true)));

    await().atMost(Duration.ofSeconds(10)).until(() -> addresses(query(HOST, SERVICE, Type.A)).equals(List.of(endpointIp)));
  }

  @AfterAll
  static void stop() {
    ec2.close();
    r53.close();
    server.close();
  }

  @Test
  void fromTheInstance_serviceNameOfAnEndpointWithPrivateDns_answersTheEndpointsPrivateIp() throws Exception {
    Message fromPublic = query("127.0.0.1", SERVICE, Type.A); // cached on the shared listener first
    assertThat(addresses(fromPublic)).containsExactly(PUBLIC_IP);
    Message fromInstance = query(HOST, SERVICE, Type.A);
    assertThat(addresses(fromInstance)).containsExactly(endpointIp);
    assertThat(fromInstance.getHeader().getFlag(Flags.RA)).isTrue();
    assertThat(fromInstance.getHeader().getFlag(Flags.AA)).isFalse();
    assertThat(addresses(query(HOST, SERVICE, Type.A, true))).as("over TCP").containsExactly(endpointIp);
    assertThat(query(HOST, SERVICE, Type.AAAA).getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(query(HOST, "x." + SERVICE, Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void plainUdpQueries_theSharedListenersAnswerCacheNeverAnswersTheInstance() throws Exception {
    // No EDNS, no cookie: the shape the server's UDP answer cache replays from wire bytes.
    for (int i = 0; i < 3; i++) {
      assertThat(addresses(plainQuery("127.0.0.1", SERVICE))).containsExactly(PUBLIC_IP);
      assertThat(addresses(plainQuery(HOST, SERVICE))).containsExactly(endpointIp);
    }
  }

  @Test
  void fromTheInstance_dnsHostnamesOff_serviceNameGetsThePublicAnswer_seed001() throws Exception {
    try {
      ec2.modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(b -> b.value(false)));
      await().atMost(Duration.ofSeconds(10)).until(() -> addresses(query(HOST, SERVICE, Type.A)).equals(List.of(PUBLIC_IP)));
      // Private zones need both attributes too (route53.md §41): the public corp.internal answers.
      assertThat(addresses(query(HOST, "db.corp.internal", Type.A))).containsExactly("198.51.100.1");
      // EC2 host names need DNS support only.
      assertThat(addresses(query(HOST, hostname(instancePrivateIp), Type.A))).containsExactly(instancePrivateIp);
      CommandOutput audit = CommandOutput.run("audit", "--endpoint", "http://127.0.0.1:" + server.apiPort(),
          "--region", "eu-west-1");
      assertThat(audit.exitCode()).as(audit.out()).isEqualTo(1);
      assertThat(audit.out()).contains("ENDPOINT_PRIVATE_DNS_WITHOUT_VPC_DNS", vpc, SERVICE,
          "aws ec2 modify-vpc-attribute --vpc-id " + vpc + " --enable-dns-hostnames");
    } finally {
      ec2.modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(b -> b.value(true)));
      await().atMost(Duration.ofSeconds(10)).until(() -> addresses(query(HOST, SERVICE, Type.A)).equals(List.of(endpointIp)));
    }
  }

  @Test
  void fromTheInstance_privateZoneFirst_andANameItLacksIsNxdomainWithoutPublicFallback() throws Exception {
    assertThat(addresses(query(HOST, "db.corp.internal", Type.A))).containsExactly("10.0.1.50");
    Message missing = query(HOST, "www.corp.internal", Type.A);
    assertThat(missing.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(missing.getSection(Section.AUTHORITY)).anyMatch(r -> r.getType() == Type.SOA);
    // Another VPC's private zone: not visible, and no public zone has the name.
    assertThat(query(HOST, "x.other.internal", Type.A).getRcode()).isEqualTo(Rcode.REFUSED);
    // The shared listener answers as before: the public zone wins the apex, www exists there.
    assertThat(addresses(query("127.0.0.1", "db.corp.internal", Type.A))).containsExactly("198.51.100.1");
    assertThat(addresses(query("127.0.0.1", "www.corp.internal", Type.A))).containsExactly("198.51.100.2");
  }

  @Test
  void fromTheInstance_ec2PrivateHostnames_resolveInsideTheVpcOnly() throws Exception {
    assertThat(hostname(instancePrivateIp)).endsWith(".eu-west-1.compute.internal");
    assertThat(addresses(query(HOST, hostname(instancePrivateIp), Type.A))).containsExactly(instancePrivateIp);
    assertThat(addresses(query(HOST, hostname(endpointIp), Type.A))).containsExactly(endpointIp);
    assertThat(query(HOST, "ip-10-0-9-9.eu-west-1.compute.internal", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(query("127.0.0.1", hostname(instancePrivateIp), Type.A).getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void digFromTheInstanceAddress_reproducesBothAnswers() throws Exception {
    Assumptions.assumeTrue(digInstalled(), "dig is not installed");
    assertThat(dig("-b", HOST, "+short", SERVICE, "A")).isEqualTo(endpointIp);
    assertThat(dig("+short", SERVICE, "A")).isEqualTo(PUBLIC_IP);
    assertThat(dig("-b", HOST, "www.corp.internal", "A")).contains("status: NXDOMAIN");
  }

  @Test
  void vpcTaggedWithAResolverAddress_getsAListenerAnsweringAsTheVpc_listedByEndpoints() throws Exception {
    String address = "127.0.53.7";
    ec2.createTags(r -> r.resources(vpc).tags(t -> t.key("stratus:resolver").value(address)));
    try {
      String description = "Route 53 Resolver " + vpc;
      await().atMost(Duration.ofSeconds(10)).until(() -> listed().stream().anyMatch(e -> e.description().equals(description)));
      var endpoint = listed().stream().filter(e -> e.description().equals(description)).findFirst().orElseThrow();
      assertThat(endpoint.address()).isEqualTo(address);
      assertThat(endpoint.protocol()).isEqualTo("udp+tcp");
      // Any source: the listener is the VPC's resolver.
      assertThat(addresses(query("127.0.0.1", address, endpoint.port(), SERVICE, Type.A, false))).containsExactly(endpointIp);
      assertThat(addresses(query("127.0.0.1", address, endpoint.port(), SERVICE, Type.A, true))).containsExactly(endpointIp);
      assertThat(query("127.0.0.1", address, endpoint.port(), "www.corp.internal", Type.A, false).getRcode())
          .isEqualTo(Rcode.NXDOMAIN);
    } finally {
      ec2.deleteTags(r -> r.resources(vpc).tags(t -> t.key("stratus:resolver")));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> listed().stream().noneMatch(e -> e.description().startsWith("Route 53 Resolver")));
  }

  private static List<dev.stratus.core.ServiceModule.Endpoint> listed() {
    return LocalApi.get("127.0.0.1", server.apiPort(), "/_stratus/endpoints").map(EndpointsJson::read).orElseThrow();
  }

  private static String hostname(String ip) {
    return "ip-" + ip.replace('.', '-') + ".eu-west-1.compute.internal";
  }

  private static void upsert(String zoneId, String name, String ip) {
    r53.changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(c -> c.changes(Change.builder()
        .action(ChangeAction.UPSERT).resourceRecordSet(s -> s.name(name).type("A").ttl(60L)
            .resourceRecords(ResourceRecord.builder().value(ip).build())).build())));
  }

  private static Message query(String from, String name, int type) throws IOException {
    return query(from, name, type, false);
  }

  /** One query to the DNS listener sent from {@code from} (a loopback address of this machine). */
  private static Message query(String from, String name, int type, boolean tcp) throws IOException {
    return query(from, "127.0.0.1", dnsPort, name, type, tcp);
  }

  private static Message query(String from, String server, int port, String name, int type, boolean tcp)
      throws IOException {
    SimpleResolver resolver = new SimpleResolver(InetAddress.getByName(server));
    resolver.setPort(port);
    resolver.setLocalAddress(new InetSocketAddress(InetAddress.getByName(from), 0));
    resolver.setTCP(tcp);
    resolver.setTimeout(Duration.ofSeconds(2));
    return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN)));
  }

  private static Message plainQuery(String from, String name) throws IOException {
    SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
    resolver.setPort(dnsPort);
    resolver.setLocalAddress(new InetSocketAddress(InetAddress.getByName(from), 0));
    resolver.setEDNS(-1);
    resolver.setTimeout(Duration.ofSeconds(2));
    return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), Type.A, DClass.IN)));
  }

  private static List<String> addresses(Message m) {
    return m.getSection(Section.ANSWER).stream().filter(ARecord.class::isInstance)
        .map(r -> ((ARecord) r).getAddress().getHostAddress()).sorted().toList();
  }

  private static boolean digInstalled() {
    return List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "dig")));
  }

  private static String dig(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("dig", "@127.0.0.1", "-p", String.valueOf(dnsPort), "+time=2", "+tries=1"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("dig did not finish");
    }
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
  }
}
