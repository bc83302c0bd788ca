package dev.stratus.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stratus.ec2.Ec2Module;
import dev.stratus.protocol.testing.ApiTestServer;
import dev.stratus.route53.Route53Module;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;

/** A balancer's names answered by Route 53's real DNS listener: the name itself, AWS's form of it, and an alias. */
class Elbv2DnsIT {
  static ApiTestServer server;
  static AutoCloseable dnsResources;
  static int dnsPort;
  static ElasticLoadBalancingV2Client elb;
  static Route53Client r53;
  static LoadBalancer lb;

  @BeforeAll
  static void start() throws Exception {
    server = ApiTestServer.start(Clock.systemUTC(), new Ec2Module(), new Elbv2Module(), new Route53Module());
    // A second Route 53 data plane over the same context, to learn its DNS port (the harness keeps endpoints to itself).
    var started = new Route53Module().start(server.context());
    dnsPort = started.endpoints().get(0).port();
    dnsResources = () -> { for (var r : started.resources()) r.close(); };
    elb = server.client(ElasticLoadBalancingV2Client.builder());
    r53 = server.client(Route53Client.builder());
    var ec2 = server.client(Ec2Client.builder());
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    String a = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
    String b = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.2.0/24").availabilityZone("us-east-1b")).subnet().subnetId();
    String igw = ec2.createInternetGateway(r -> {}).internetGateway().internetGatewayId();
    ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc));
    lb = elb.createLoadBalancer(r -> r.name("web").subnets(a, b)).loadBalancers().get(0);
  }

  @AfterAll
  static void stop() throws Exception {
    dnsResources.close();
    server.close();
  }

  static List<String> ask(String name) throws Exception {
    var resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
    resolver.setPort(dnsPort);
    resolver.setTimeout(Duration.ofSeconds(3));
    Message answer = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, 1)));
    return answer.getSection(Section.ANSWER).stream().map(Record::rdataToString).sorted().toList();
  }

  @Test
  void balancerNames_resolveToTheNodeAddresses_underBothSuffixes_andThroughAnAlias() throws Exception {
    var nodes = elb.describeLoadBalancers(r -> r.names("web")).loadBalancers().get(0).availabilityZones();
    assertThat(nodes).hasSize(2);
    List<String> local = ask(lb.dnsName());
    assertThat(local).hasSize(2).allSatisfy(ip -> assertThat(ip).startsWith("127.1."));
    assertThat(ask(lb.dnsName().replace(".elb.localhost", ".elb.amazonaws.com"))).isEqualTo(local);
    assertThat(ask("dualstack." + lb.dnsName())).isEqualTo(local);

    String zone = r53.createHostedZone(z -> z.name("shop.test").callerReference("c")).hostedZone().id();
    r53.changeResourceRecordSets(c -> c.hostedZoneId(zone).changeBatch(b -> b.changes(ch -> ch.action(ChangeAction.CREATE)
        .resourceRecordSet(s -> s.name("www.shop.test").type("A").aliasTarget(t -> t.hostedZoneId(lb.canonicalHostedZoneId())
            .dnsName("dualstack." + lb.dnsName().replace(".elb.localhost", ".elb.amazonaws.com")).evaluateTargetHealth(false))))));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ask("www.shop.test")).isEqualTo(local));
  }
}
