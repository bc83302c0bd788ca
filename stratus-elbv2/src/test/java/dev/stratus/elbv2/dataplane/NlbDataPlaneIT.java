package dev.stratus.elbv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stratus.ec2.Ec2Module;
import dev.stratus.elbv2.Elbv2Module;
import dev.stratus.net.listener.ListenerRegistry;
import dev.stratus.protocol.testing.ApiTestServer;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/**
 * The NLB data plane through real sockets: load balancers, target groups and listeners built
 * with the SDK, NLB node listeners opened by the module's data plane ({@link NlbHarness}), targets that are
 * local TCP/UDP servers.
 */
class NlbDataPlaneIT {
  static ApiTestServer server;
  static Elbv2Module module;
  static ElasticLoadBalancingV2Client elb;
  static Ec2Client ec2;
  static NlbHarness harness;
  static String vpc, subnetA, subnetB;

  @BeforeAll
  static void start() {
    module = new Elbv2Module(d -> Duration.ofMillis(100));
    server = ApiTestServer.start(Clock.systemUTC(), new Ec2Module(), module);
    elb = server.client(ElasticLoadBalancingV2Client.builder());
    ec2 = server.client(Ec2Client.builder());
    vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    subnetA = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
    subnetB = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.2.0/24").availabilityZone("us-east-1b")).subnet().subnetId();
    harness = new NlbHarness(server.context().extensions().find(ListenerRegistry.class).orElseThrow(), module);
  }

  @AfterAll
  static void stop() {
    harness.close();
    server.close();
  }

  static LoadBalancer nlb(String name, String... subnets) {
    return elb.createLoadBalancer(r -> r.name(name).type(LoadBalancerTypeEnum.NETWORK)
        .scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(subnets)).loadBalancers().get(0);
  }

  static String group(String name, ProtocolEnum protocol, String targetType) {
    return elb.createTargetGroup(r -> r.name(name).protocol(protocol).port(80).vpcId(vpc).targetType(targetType)).targetGroups().get(0).targetGroupArn();
  }

  static String listen(LoadBalancer lb, ProtocolEnum protocol, int port, String tg) {
    return elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(protocol).port(port)
        .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg))).listeners().get(0).listenerArn();
  }

  static InetSocketAddress at(String listenerArn, String az) {
    return harness.listener(listenerArn, az).address();
  }

  @Test
  void tcpEcho_throughTheNodeAddress_reachesTheTarget() throws Exception {
    try (var target = new Targets.Tcp("t1", false)) {
      var lb = nlb("nlb-tcp", subnetA);
      String tg = group("nlb-tcp", ProtocolEnum.TCP, "ip");
      elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id("127.0.0.1").port(target.port())));
      String listener = listen(lb, ProtocolEnum.TCP, Targets.freePort(), tg);
      harness.refresh();
      InetSocketAddress node = at(listener, "us-east-1a");
      assertThat(node.getAddress().getHostAddress()).isEqualTo(lb.availabilityZones().get(0).loadBalancerAddresses().get(0).ipAddress());
      assertThat(Targets.ask(node, "hello")).isEqualTo("t1:hello");
      assertThat(harness.registry.listeners()).anySatisfy(l -> assertThat(l.description()).contains("NLB nlb-tcp listener TCP"));
    }
  }

  @Test
  void udpEcho_throughTheNodeAddress_repliesFromTheNodeAddress() throws Exception {
    try (var target = new Targets.Udp("u1"); var client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      client.setSoTimeout(3000);
      var lb = nlb("nlb-udp", subnetA);
      String tg = group("nlb-udp", ProtocolEnum.UDP, "ip");
      elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id("127.0.0.1").port(target.port())));
      String listener = listen(lb, ProtocolEnum.UDP, Targets.freePort(), tg);
      harness.refresh();
      InetSocketAddress node = at(listener, "us-east-1a");
      assertThat(Targets.ask(client, node, "ping")).isEqualTo("u1:ping");
    }
  }

  @Test
  void tcpUdp_bindsBothOnOnePort() throws Exception {
    try (var tcp = new Targets.Tcp("both", false); var udp = new Targets.Udp("both", tcp.port());
         var client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      client.setSoTimeout(3000);
      var lb = nlb("nlb-tcpudp", subnetA);
      String tg = group("nlb-tcpudp", ProtocolEnum.TCP_UDP, "ip");
      elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id("127.0.0.1").port(tcp.port())));
      String listener = listen(lb, ProtocolEnum.TCP_UDP, Targets.freePort(), tg);
      harness.refresh();
      InetSocketAddress node = at(listener, "us-east-1a");
      assertThat(Targets.ask(node, "over-tcp")).isEqualTo("both:over-tcp");
      assertThat(Targets.ask(client, node, "over-udp")).isEqualTo("both:over-udp");
      assertThat(harness.registry.listeners()).filteredOn(l -> l.actual().equals(node)).extracting(l -> l.protocol())
          .containsExactlyInAnyOrder("tcp", "udp");
    }
  }

  @Test
  void flows_stickToOneTarget_andSpreadOverTargets() throws Exception {
    try (var a = new Targets.Tcp("a", false); var b = new Targets.Tcp("b", false); var c = new Targets.Tcp("c", false);
         var ua = new Targets.Udp("a"); var ub = new Targets.Udp("b")) {
      var lb = nlb("nlb-hash", subnetA);
      String tg = group("nlb-hash", ProtocolEnum.TCP, "ip");
      elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id("127.0.0.1").port(a.port()),
          t -> t.id("127.0.0.1").port(b.port()), t -> t.id("127.0.0.1").port(c.port())));
      String listener = listen(lb, ProtocolEnum.TCP, Targets.freePort(), tg);
      String utg = group("nlb-hash-udp", ProtocolEnum.UDP, "ip");
      elb.registerTargets(r -> r.targetGroupArn(utg).targets(t -> t.id("127.0.0.1").port(ua.port()),
          t -> t.id("127.0.0.1").port(ub.port())));
      String ulistener = listen(lb, ProtocolEnum.UDP, Targets.freePort(), utg);
      harness.refresh();
      InetSocketAddress node = at(listener, "us-east-1a");

      // Every line of one connection goes to the target its first packet chose.
      try (var s = new java.net.Socket(node.getAddress(), node.getPort())) {
        s.setSoTimeout(3000);
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream()));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10; i++) {
          s.getOutputStream().write(("line" + i + "\n").getBytes());
          seen.add(in.readLine().split(":")[0]);
        }
        assertThat(seen).hasSize(1);
      }
      // New connections (new source ports) spread over the targets.
      Set<String> names = new HashSet<>();
      for (int i = 0; i < 40; i++) names.add(Targets.ask(node, "x").split(":")[0]);
      assertThat(names).containsExactlyInAnyOrder("a", "b", "c");

      // The same UDP 5-tuple always reaches the same target, also after its flow was forgotten.
      InetSocketAddress unode = at(ulistener, "us-east-1a");
      try (var client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
        client.setSoTimeout(3000);
        String first = Targets.ask(client, unode, "p").split(":")[0];
        for (int i = 0; i < 10; i++) assertThat(Targets.ask(client, unode, "p" + i)).startsWith(first + ":");
        int port = client.getLocalPort();
        client.close();
        harness.refresh(); // an unchanged route keeps the choice
        try (var again = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
          again.setSoTimeout(3000);
          assertThat(Targets.ask(again, unode, "q")).startsWith(first + ":");
        }
      }
    }
  }

  @Test
  void crossZoneOff_nodeSendsOnlyToItsZone_untilCrossZoneIsEnabled() throws Exception {
    try (var inA = new Targets.Tcp("in-a", false); var inB = new Targets.Tcp("in-b", false)) {
      var lb = nlb("nlb-zones", subnetA, subnetB);
      String tg = group("nlb-zones", ProtocolEnum.TCP, "ip");
      elb.registerTargets(r -> r.targetGroupArn(tg).targets(
          t -> t.id("127.0.0.1").port(inA.port()).availabilityZone("us-east-1a"),
          t -> t.id("127.0.0.1").port(inB.port()).availabilityZone("us-east-1b")));
      String listener = listen(lb, ProtocolEnum.TCP, Targets.freePort(), tg);
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(states(tg)).containsExactly("healthy", "healthy"));
      harness.refresh();
      assertThat(answers(at(listener, "us-east-1a"), 20)).containsExactly("in-a");
      assertThat(answers(at(listener, "us-east-1b"), 20)).containsExactly("in-b");

      elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn())
          .attributes(a -> a.key("load_balancing.cross_zone.enabled").value("true")));
      harness.refresh();
      assertThat(answers(at(listener, "us-east-1a"), 40)).containsExactlyInAnyOrder("in-a", "in-b");

      // The group's own setting wins over the balancer's.
      elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(tg)
          .attributes(a -> a.key("load_balancing.cross_zone.enabled").value("false")));
      harness.refresh();
      assertThat(answers(at(listener, "us-east-1a"), 20)).containsExactly("in-a");
    }
  }

  static Set<String> answers(InetSocketAddress node, int connections) throws Exception {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < connections; i++) names.add(Targets.ask(node, "z").split(":")[0]);
    return names;
  }

  @Test
  void unhealthyTargets_getNoFlows_andAllUnhealthyFailsOpen() throws Exception {
    try (var live = new Targets.Tcp("live", false)) {
      int closed = Targets.freePort();
      var lb = nlb("nlb-health", subnetA);
      String tg = group("nlb-health", ProtocolEnum.TCP, "ip");
      elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id("127.0.0.1").port(live.port()),
          t -> t.id("127.0.0.1").port(closed)));
      String listener = listen(lb, ProtocolEnum.TCP, Targets.freePort(), tg);
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(states(tg))
          .containsExactlyInAnyOrder("healthy", "unhealthy"));
      harness.refresh();
      var node = at(listener, "us-east-1a");
      assertThat(answers(node, 20)).containsExactly("live");

      // Health checks on a port nothing answers: every target unhealthy, the node routes to all (fail-open).
      elb.modifyTargetGroup(r -> r.targetGroupArn(tg).healthCheckPort(String.valueOf(closed)));
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(states(tg)).containsOnly("unhealthy"));
      harness.refresh();
      assertThat(((NlbNodeListener) harness.listener(listener, "us-east-1a")).route().failOpen()).isTrue();
      int answered = 0;
      for (int i = 0; i < 20; i++) {
        try {
          if (Targets.ask(node, "f") != null) answered++;
        } catch (java.io.IOException refusedOrReset) {
          // the flow went to the closed port
        }
      }
      assertThat(answered).isBetween(1, 19);
    }
  }

  static List<String> states(String tg) {
    return elb.describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions().stream()
        .map(d -> d.targetHealth().stateAsString()).toList();
  }

  @Test
  void proxyProtocolV2AndClientIpPreservation_targetSeesTheClientAddress() throws Exception {
    try (var target = new Targets.Tcp("pp", true)) {
      var lb = nlb("nlb-ppv2", subnetA);
      String tg = group("nlb-ppv2", ProtocolEnum.TCP, "ip");
      elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(tg)
          .attributes(a -> a.key("proxy_protocol_v2.enabled").value("true")));
      elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id("127.0.0.1").port(target.port())));
      String listener = listen(lb, ProtocolEnum.TCP, Targets.freePort(), tg);
      harness.refresh();
      var node = at(listener, "us-east-1a");
      try (var s = new java.net.Socket()) {
        s.bind(new InetSocketAddress("127.0.0.7", 0));
        s.connect(node, 2000);
        s.setSoTimeout(3000);
        s.getOutputStream().write("hi\n".getBytes());
        assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream())).readLine()).isEqualTo("pp:hi");
        assertThat(target.proxySource.get()).isEqualTo("127.0.0.7:" + s.getLocalPort());
        // ip target over TCP: client IP preservation is off by default, the target sees the node's address
        assertThat(target.peer.get()).isEqualTo(node.getAddress().getHostAddress());
      }
      elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(tg)
          .attributes(a -> a.key("preserve_client_ip.enabled").value("true")));
      harness.refresh();
      try (var s = new java.net.Socket()) {
        s.bind(new InetSocketAddress("127.0.0.9", 0));
        s.connect(node, 2000);
        s.setSoTimeout(3000);
        s.getOutputStream().write("again\n".getBytes());
        assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream())).readLine()).isEqualTo("pp:again");
        assertThat(target.peer.get()).isEqualTo("127.0.0.9");
      }
    }
  }

  @Test
  void albTarget_flowsGoToTheAlbNodeOnTheTargetPort() throws Exception {
    var alb = elb.createLoadBalancer(r -> r.name("alb-behind-nlb").scheme(LoadBalancerSchemeEnum.INTERNAL)
        .subnets(subnetA, subnetB)).loadBalancers().get(0);
    String albNodeA = harness.refresh().loadBalancers().get(alb.loadBalancerArn()).nodes().stream()
        .filter(n -> n.availabilityZone().equals("us-east-1a")).findFirst().orElseThrow().address();
    int albPort = Targets.freePort();
    // A plain HTTP server stands for the ALB's node listener (the ALB listener is another branch's work).
    var http = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress(albNodeA, albPort), 0);
    http.createContext("/", ex -> {
      byte[] body = ("alb node " + ex.getLocalAddress().getAddress().getHostAddress()).getBytes();
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    http.start();
    try {
      var nlb = nlb("nlb-front", subnetA);
      String tg = elb.createTargetGroup(r -> r.name("to-alb").protocol(ProtocolEnum.TCP).port(albPort).vpcId(vpc)
          .targetType("alb")).targetGroups().get(0).targetGroupArn();
      elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id(alb.loadBalancerArn()).port(albPort)));
      String listener = listen(nlb, ProtocolEnum.TCP, Targets.freePort(), tg);
      harness.refresh();
      var node = at(listener, "us-east-1a");
      var client = java.net.http.HttpClient.newHttpClient();
      var response = client.send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create("http://" + node.getAddress().getHostAddress() + ":" + node.getPort() + "/")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("alb node " + albNodeA);
    } finally {
      http.stop(0);
    }
  }

  @Test
  void securityGroupThatBlocksTheTargetPort_healthTimesOut_andNothingIsForwarded() throws Exception {
    try (var target = new Targets.Tcp("inst", false)) {
      String lbSg = ec2.createSecurityGroup(r -> r.groupName("nlb-sg").description("nlb").vpcId(vpc)).groupId();
      String targetSg = ec2.createSecurityGroup(r -> r.groupName("target-sg").description("target").vpcId(vpc)).groupId();
      String instance = ec2.runInstances(r -> r.imageId("ami-0123456789abcdef0").minCount(1).maxCount(1)
          .subnetId(subnetA).securityGroupIds(targetSg)
          .tagSpecifications(t -> t.resourceType("instance").tags(g -> g.key("stratus:host").value("127.0.0.1"))))
          .instances().get(0).instanceId();
      var lb = elb.createLoadBalancer(r -> r.name("nlb-gated").type(LoadBalancerTypeEnum.NETWORK)
          .scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(subnetA).securityGroups(lbSg)).loadBalancers().get(0);
      String tg = group("nlb-gated", ProtocolEnum.TCP, "instance");
      elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id(instance).port(target.port())));
      String listener = listen(lb, ProtocolEnum.TCP, Targets.freePort(), tg);

      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        var h = elb.describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions().get(0).targetHealth();
        assertThat(h.stateAsString()).isEqualTo("unhealthy");
        assertThat(h.reasonAsString()).isEqualTo("Target.Timeout");
      });
      assertThat(target.accepted.get()).isZero(); // the probes never left the node
      // The analyzer, asked about the node's interface, says why.
      String eni = harness.refresh().loadBalancers().get(lb.loadBalancerArn()).nodes().get(0).networkInterfaceId();
      String path = ec2.createNetworkInsightsPath(r -> r.source(eni).destination(instance).protocol("tcp")
          .destinationPort(target.port())).networkInsightsPath().networkInsightsPathId();
      String analysis = ec2.startNetworkInsightsAnalysis(r -> r.networkInsightsPathId(path)).networkInsightsAnalysis()
          .networkInsightsAnalysisId();
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        var a = ec2.describeNetworkInsightsAnalyses(r -> r.networkInsightsAnalysisIds(analysis)).networkInsightsAnalyses().get(0);
        assertThat(a.statusAsString()).isEqualTo("succeeded");
        assertThat(a.networkPathFound()).isFalse();
        assertThat(a.explanations()).extracting(x -> x.explanationCode()).contains("ENI_SG_RULES_MISMATCH");
      });
      harness.refresh();
      var node = at(listener, "us-east-1a");
      assertThatThrownBy(() -> Targets.ask(node, "blocked")).isInstanceOf(SocketTimeoutException.class);
      assertThat(target.accepted.get()).isZero();

      // Let the balancer's group in on the port: health turns healthy and traffic flows.
      ec2.authorizeSecurityGroupIngress(r -> r.groupId(targetSg).ipPermissions(p -> p.ipProtocol("tcp")
          .fromPort(target.port()).toPort(target.port()).userIdGroupPairs(g -> g.groupId(lbSg))));
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(states(tg)).containsOnly("healthy"));
      harness.refresh();
      assertThat(Targets.ask(node, "open")).isEqualTo("inst:open");
    }
  }

  @Test
  void nodesAreRequesterManagedInterfaces_thatBlockSubnetDeletion_untilTheBalancerGoes() {
    String subnetC = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.3.0/24").availabilityZone("us-east-1c"))
        .subnet().subnetId();
    String sg = ec2.createSecurityGroup(r -> r.groupName("eni-sg").description("eni").vpcId(vpc)).groupId();
    var lb = elb.createLoadBalancer(r -> r.name("nlb-enis").type(LoadBalancerTypeEnum.NETWORK)
        .scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(subnetC).securityGroups(sg)).loadBalancers().get(0);
    String id = lb.loadBalancerArn().substring(lb.loadBalancerArn().indexOf("loadbalancer/") + "loadbalancer/".length());
    List<NetworkInterface> enis = ec2.describeNetworkInterfaces(r -> r.filters(
        Filter.builder().name("description").values("ELB " + id).build())).networkInterfaces();
    assertThat(id).startsWith("net/nlb-enis/");
    assertThat(enis).singleElement().satisfies(e -> {
      assertThat(e.requesterManaged()).isTrue();
      assertThat(e.interfaceTypeAsString()).isEqualTo("network_load_balancer");
      assertThat(e.subnetId()).isEqualTo(subnetC);
      assertThat(e.privateIpAddress()).startsWith("10.0.3.");
      assertThat(e.groups()).extracting(g -> g.groupId()).containsExactly(sg);
      assertThat(e.statusAsString()).isEqualTo("in-use");
    });
    assertThat(errorCode(() -> ec2.deleteSubnet(r -> r.subnetId(subnetC)))).isEqualTo("DependencyViolation");
    assertThat(errorCode(() -> ec2.deleteVpc(r -> r.vpcId(vpc)))).isEqualTo("DependencyViolation");
    assertThat(errorCode(() -> ec2.deleteSecurityGroup(r -> r.groupId(sg)))).isEqualTo("DependencyViolation");

    // A zone added by SetSubnets gets its interface; SetSecurityGroups reaches the interfaces.
    String subnetD = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.4.0/24").availabilityZone("us-east-1d"))
        .subnet().subnetId();
    String sg2 = ec2.createSecurityGroup(r -> r.groupName("eni-sg2").description("eni").vpcId(vpc)).groupId();
    elb.setSubnets(r -> r.loadBalancerArn(lb.loadBalancerArn()).subnets(subnetC, subnetD));
    elb.setSecurityGroups(r -> r.loadBalancerArn(lb.loadBalancerArn()).securityGroups(sg2));
    var both = ec2.describeNetworkInterfaces(r -> r.filters(Filter.builder().name("description").values("ELB " + id)
        .build())).networkInterfaces();
    assertThat(both).extracting(NetworkInterface::subnetId).containsExactlyInAnyOrder(subnetC, subnetD);
    assertThat(both).allSatisfy(e -> assertThat(e.groups()).extracting(g -> g.groupId()).containsExactly(sg2));
    ec2.deleteSecurityGroup(r -> r.groupId(sg)); // no longer used by the balancer
    assertThat(errorCode(() -> ec2.deleteSecurityGroup(r -> r.groupId(sg2)))).isEqualTo("DependencyViolation");
    assertThat(errorCode(() -> ec2.deleteNetworkInterface(r -> r.networkInterfaceId(enis.get(0).networkInterfaceId()))))
        .isEqualTo("InvalidNetworkInterface.InUse");
    assertThat(enis.get(0).attachment().attachmentId()).startsWith("ela-attach-");
    assertThat(errorCode(() -> ec2.detachNetworkInterface(r -> r.attachmentId(enis.get(0).attachment().attachmentId()))))
        .isEqualTo("OperationNotPermitted");

    elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn()));
    assertThat(ec2.describeNetworkInterfaces(r -> r.filters(Filter.builder().name("description").values("ELB " + id)
        .build())).networkInterfaces()).isEmpty();
    ec2.deleteSubnet(r -> r.subnetId(subnetC));
    ec2.deleteSubnet(r -> r.subnetId(subnetD));
    ec2.deleteSecurityGroup(r -> r.groupId(sg2));
  }

  @Test
  void albNodes_areInterfacesOfTypeInterface_withTheAlbsGroups() {
    var alb = elb.createLoadBalancer(r -> r.name("alb-enis").scheme(LoadBalancerSchemeEnum.INTERNAL)
        .subnets(subnetA, subnetB)).loadBalancers().get(0);
    String id = alb.loadBalancerArn().substring(alb.loadBalancerArn().indexOf("loadbalancer/") + "loadbalancer/".length());
    var enis = ec2.describeNetworkInterfaces(r -> r.filters(Filter.builder().name("description").values("ELB " + id)
        .build())).networkInterfaces();
    assertThat(enis).hasSize(2).allSatisfy(e -> {
      assertThat(e.interfaceTypeAsString()).isEqualTo("interface");
      assertThat(e.requesterManaged()).isTrue();
      assertThat(e.groups()).extracting(g -> g.groupId()).containsExactlyElementsOf(alb.securityGroups());
    });
    assertThat(enis.stream().map(NetworkInterface::subnetId).collect(Collectors.toSet())).containsExactlyInAnyOrder(subnetA, subnetB);
    elb.deleteLoadBalancer(r -> r.loadBalancerArn(alb.loadBalancerArn()));
  }

  @Test
  void tlsListener_isNotServedYet_andBindsNothing() {
    var lb = nlb("nlb-tls", subnetA);
    var snapshot = harness.refresh();
    var stored = snapshot.loadBalancers().get(lb.loadBalancerArn());
    var node = stored.nodes().get(0);
    var tls = new dev.stratus.elbv2.model.Listener(lb.loadBalancerArn().replace(":loadbalancer/", ":listener/") + "/tls",
        lb.loadBalancerArn(), "TLS", 443, "ELBSecurityPolicy-2016-08", List.of(), List.of(), List.of());
    int before = harness.registry.listeners().size();
    try (var l = NlbNodeListener.open(new NodeListenerContext(stored, node, tls, snapshot, harness.registry, null,
        Clock.systemUTC()))) {
      assertThat(l.address()).isEqualTo(new InetSocketAddress(node.address(), 443));
      assertThat(harness.registry.listeners()).hasSize(before);
    }
  }

  static String errorCode(Runnable call) {
    try {
      call.run();
      return "no error";
    } catch (AwsServiceException e) {
      return e.awsErrorDetails().errorCode();
    }
  }
}
