package dev.stratus.elbv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.ClientLocation;
import dev.stratus.core.Settings;
import dev.stratus.ec2.Ec2Module;
import dev.stratus.elbv2.Elbv2Module;
import dev.stratus.net.geo.LatencyModel;
import dev.stratus.net.geo.NetworkPath;
import dev.stratus.protocol.testing.ApiTestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

/**
 * {@code --emulate-network} on an ALB in us-east-1: a request from a client in Sydney (by
 * clientLocations) takes the public internet's modelled round trip; a client the model places in
 * Ashburn barely waits.
 */
class AlbEmulatedDelayIT {
  static ApiTestServer server;
  static Elbv2Module module = new Elbv2Module();
  static InetSocketAddress node;

  @BeforeAll
  static void start() throws IOException {
    Settings settings = Settings.ephemeral(0, 0).withEmulateNetwork(true).withClientLocations(List.of(
        ClientLocation.ofCity("127.61.0.0/16", "Sydney"), ClientLocation.ofCity("127.62.0.0/16", "Ashburn")));
    server = ApiTestServer.start(Clock.systemUTC(), settings, new Ec2Module(), module);
    var elb = server.client(ElasticLoadBalancingV2Client.builder());
    var ec2 = server.client(Ec2Client.builder());
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.7.0.0/16")).vpc().vpcId();
    String a = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.7.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
    String b = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.7.2.0/24").availabilityZone("us-east-1b")).subnet().subnetId();
    var lb = elb.createLoadBalancer(r -> r.name("far").scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(a, b)).loadBalancers().get(0);
    int port = AlbTraffic.freePort();
    String listener = elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.HTTP).port(port)
        .defaultActions(x -> x.type(ActionTypeEnum.FIXED_RESPONSE)
            .fixedResponseConfig(f -> f.statusCode("200").contentType("text/plain").messageBody("here"))))
        .listeners().get(0).listenerArn();
    node = AlbTraffic.node(module, listener, 1);
  }

  @AfterAll
  static void stop() { server.close(); }

  /** Milliseconds from sending a request to reading the whole answer, from {@code clientAddress}. */
  static double exchange(String clientAddress) throws IOException {
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(clientAddress, 0));
      s.connect(node, 2000);
      s.setSoTimeout(5000);
      long start = System.nanoTime();
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: far\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      byte[] answer = in.readAllBytes();
      double millis = (System.nanoTime() - start) / 1e6; // before asserting: AssertJ's first use loads ~150 classes
      assertThat(new String(answer, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200").endsWith("here");
      return millis;
    }
  }

  @Test
  void sydneyClient_waitsTheInternetRoundTripToUsEast1() throws IOException {
    var model = LatencyModel.standard();
    double modelled = model.roundTripMillis(model.tables().city("Sydney").orElseThrow().point(),
        model.tables().region("us-east-1").orElseThrow().point(), NetworkPath.PUBLIC_INTERNET);
    exchange("127.61.0.1"); // warm the path
    assertThat(exchange("127.61.0.2")).isBetween(modelled * 0.95, modelled * 1.10 + 20);
    assertThat(exchange("127.62.0.1")).isLessThan(modelled / 4);
  }
}
