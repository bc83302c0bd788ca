package dev.stratus.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.core.Extensions;
import dev.stratus.core.StratusContext;
import dev.stratus.core.dns.DnsTargetRegistry;
import dev.stratus.core.net.LoopbackPool;
import dev.stratus.ec2.Ec2Module;
import dev.stratus.protocol.testing.ApiTestServer;
import java.time.Clock;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/** The rest of elbv2.md's refusals with an error code, through the SDK; and a restart over the same store. */
class Elbv2RefusalsIT {
  static ApiTestServer server;
  static ElasticLoadBalancingV2Client elb;
  static Ec2Client ec2;
  static String vpc, subnetA, subnetB, otherVpc;
  static LoadBalancer alb, nlb;
  static String listener;
  static String tgHttp, tgTcp;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(Clock.systemUTC(), new Ec2Module(), new Elbv2Module());
    elb = server.client(ElasticLoadBalancingV2Client.builder());
    ec2 = server.client(Ec2Client.builder());
    vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    otherVpc = ec2.createVpc(r -> r.cidrBlock("10.9.0.0/16")).vpc().vpcId();
    subnetA = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
    subnetB = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.2.0/24").availabilityZone("us-east-1b")).subnet().subnetId();
    alb = elb.createLoadBalancer(r -> r.name("alb").scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(subnetA, subnetB))
        .loadBalancers().get(0);
    nlb = elb.createLoadBalancer(r -> r.name("nlb").type(LoadBalancerTypeEnum.NETWORK).scheme(LoadBalancerSchemeEnum.INTERNAL)
        .subnets(subnetA)).loadBalancers().get(0);
    tgHttp = tg("http", ProtocolEnum.HTTP);
    tgTcp = tg("tcp", ProtocolEnum.TCP);
    listener = elb.createListener(r -> r.loadBalancerArn(alb.loadBalancerArn()).protocol(ProtocolEnum.HTTP).port(80)
        .defaultActions(forward(tgHttp))).listeners().get(0).listenerArn();
  }

  @AfterAll
  static void stop() { server.close(); }

  static String tg(String name, ProtocolEnum protocol) {
    return elb.createTargetGroup(r -> r.name(name).protocol(protocol).port(80).vpcId(vpc).targetType("ip"))
        .targetGroups().get(0).targetGroupArn();
  }

  static Action forward(String tg) { return Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(tg).build(); }

  static RuleCondition path(String... values) {
    return RuleCondition.builder().field("path-pattern").pathPatternConfig(p -> p.values(values)).build();
  }

  static void refused(ThrowingCallable call, String code) {
    assertThatThrownBy(call).isInstanceOfSatisfying(AwsServiceException.class, e -> {
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
      assertThat(e.statusCode()).isEqualTo(400);
    });
  }

  static void rule(int priority, RuleCondition c, Action... actions) {
    elb.createRule(r -> r.listenerArn(listener).priority(priority).conditions(c).actions(actions));
  }

  @Test
  void notFound_codes() {
    String arnBase = "arn:aws:elasticloadbalancing:us-east-1:000000000000:";
    refused(() -> elb.describeTargetGroups(r -> r.targetGroupArns(arnBase + "targetgroup/x/0123456789abcdef")), "TargetGroupNotFound");
    refused(() -> elb.describeListeners(r -> r.listenerArns(arnBase + "listener/app/x/0123456789abcdef/0123456789abcdef")),
        "ListenerNotFound");
    refused(() -> elb.describeRules(r -> r.ruleArns(arnBase + "listener-rule/app/x/0123456789abcdef/0123456789abcdef/0123456789abcdef")),
        "RuleNotFound");
    refused(() -> elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(arnBase + "loadbalancer/app/x/0123456789abcdef")),
        "LoadBalancerNotFound");
  }

  @Test
  void forward_limitsAndProtocols() {
    var six = ForwardActionConfig.builder().targetGroups(
        java.util.stream.IntStream.range(0, 6).mapToObj(i -> TargetGroupTuple.builder().targetGroupArn(tg("six-" + i, ProtocolEnum.HTTP)).build())
            .toList()).build();
    refused(() -> rule(100, path("/six"), Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(six).build()), "TooManyTargetGroups");
    refused(() -> rule(101, path("/tcp"), forward(tgTcp)), "IncompatibleProtocols");
    refused(() -> elb.createListener(r -> r.loadBalancerArn(nlb.loadBalancerArn()).protocol(ProtocolEnum.TCP).port(80)
        .defaultActions(forward(tg("http-2", ProtocolEnum.HTTP)))), "IncompatibleProtocols");
    var heavy = ForwardActionConfig.builder().targetGroups(TargetGroupTuple.builder().targetGroupArn(tgHttp).weight(1000).build()).build();
    refused(() -> rule(102, path("/w"), Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(heavy).build()), "ValidationError");
    var tgOtherVpc = elb.createTargetGroup(r -> r.name("other-vpc").protocol(ProtocolEnum.HTTP).port(80).vpcId(otherVpc).targetType("ip"))
        .targetGroups().get(0).targetGroupArn();
    refused(() -> rule(103, path("/o"), forward(tgOtherVpc)), "InvalidConfigurationRequest");
    refused(() -> rule(104, path("/missing"), forward("arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/zz/0123456789abcdef")),
        "TargetGroupNotFound");
  }

  @Test
  void actions_orderRedirectAndFixedResponse() {
    var fixed = Action.builder().type(ActionTypeEnum.FIXED_RESPONSE).order(1).fixedResponseConfig(c -> c.statusCode("200")).build();
    var fwd = forward(tgHttp).toBuilder().order(2).build();
    refused(() -> rule(200, path("/two"), fixed, fwd), "InvalidLoadBalancerAction"); // a terminal action not last
    refused(() -> rule(201, path("/ct"), Action.builder().type(ActionTypeEnum.FIXED_RESPONSE)
        .fixedResponseConfig(c -> c.statusCode("200").contentType("image/png")).build()), "ValidationError");
    refused(() -> rule(202, path("/big"), Action.builder().type(ActionTypeEnum.FIXED_RESPONSE)
        .fixedResponseConfig(c -> c.statusCode("200").messageBody("x".repeat(1025))).build()), "ValidationError");
    refused(() -> rule(203, path("/q"), Action.builder().type(ActionTypeEnum.REDIRECT)
        .redirectConfig(c -> c.protocol("HTTPS").query("q".repeat(129)).statusCode(RedirectActionStatusCodeEnum.HTTP_301)).build()),
        "ValidationError");
    refused(() -> rule(204, path("/auth"), Action.builder().type(ActionTypeEnum.AUTHENTICATE_OIDC).order(1).build(), fwd),
        "InvalidLoadBalancerAction"); // authenticate needs HTTPS
    rule(205, path("/ok"), Action.builder().type(ActionTypeEnum.REDIRECT)
        .redirectConfig(c -> c.protocol("HTTPS").port("443").statusCode(RedirectActionStatusCodeEnum.HTTP_301)).build());
  }

  @Test
  void conditions_characterRules() {
    refused(() -> rule(300, RuleCondition.builder().field("host-header").hostHeaderConfig(h -> h.values("nodot")).build(), forward(tgHttp)),
        "ValidationError");
    refused(() -> rule(301, RuleCondition.builder().field("host-header").hostHeaderConfig(h -> h.values("a.example.c0m")).build(),
        forward(tgHttp)), "ValidationError");
    refused(() -> rule(302, path("/a b"), forward(tgHttp)), "ValidationError");
    refused(() -> rule(303, RuleCondition.builder().field("source-ip").sourceIpConfig(s -> s.values("255.255.255.255/32")).build(),
        forward(tgHttp)), "ValidationError");
    refused(() -> rule(304, path(""), forward(tgHttp)), "ValidationError");
    refused(() -> elb.createRule(r -> r.listenerArn(listener).priority(305).conditions(path("/a"), path("/b")).actions(forward(tgHttp))),
        "ValidationError"); // one path-pattern per rule
    refused(() -> rule(306, RuleCondition.builder().field("cookie").values("x").build(), forward(tgHttp)), "ValidationError");
  }

  @Test
  void listeners_certificatesPoliciesAndQuotas() {
    refused(() -> elb.createListener(r -> r.loadBalancerArn(alb.loadBalancerArn()).protocol(ProtocolEnum.HTTPS).port(443)
        .defaultActions(forward(tgHttp))), "ValidationError"); // "A certificate must be specified for HTTPS listeners"
    refused(() -> elb.createListener(r -> r.loadBalancerArn(alb.loadBalancerArn()).protocol(ProtocolEnum.HTTPS).port(443)
        .sslPolicy("ELBSecurityPolicy-Nope").certificates(c -> c.certificateArn("arn:aws:acm:us-east-1:000000000000:certificate/x"))
        .defaultActions(forward(tgHttp))), "SSLPolicyNotFound");
    var https = elb.createListener(r -> r.loadBalancerArn(alb.loadBalancerArn()).protocol(ProtocolEnum.HTTPS).port(8443)
        .certificates(c -> c.certificateArn("arn:aws:acm:us-east-1:000000000000:certificate/a"))
        .defaultActions(forward(tgHttp))).listeners().get(0);
    assertThat(https.sslPolicy()).isEqualTo("ELBSecurityPolicy-TLS13-1-2-2021-06");
    elb.addListenerCertificates(r -> r.listenerArn(https.listenerArn()).certificates(c -> c.certificateArn("arn:aws:acm:us-east-1:000000000000:certificate/b")));
    assertThat(elb.describeListenerCertificates(r -> r.listenerArn(https.listenerArn())).certificates())
        .extracting(Certificate::isDefault).containsExactly(true, false);
    refused(() -> elb.removeListenerCertificates(r -> r.listenerArn(https.listenerArn())
        .certificates(c -> c.certificateArn("arn:aws:acm:us-east-1:000000000000:certificate/a"))), "OperationNotPermitted");
    refused(() -> elb.modifyListener(r -> r.listenerArn(https.listenerArn()).port(80)), "DuplicateListener");
    var tags = java.util.stream.IntStream.range(0, 51).mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).toList();
    refused(() -> elb.addTags(r -> r.resourceArns(alb.loadBalancerArn()).tags(tags)), "TooManyTags");
  }

  @Test
  void targets_instanceStateAndLambda() {
    String subnet = subnetA;
    String instance = ec2.runInstances(r -> r.imageId("ami-12345678").instanceType("t3.micro").minCount(1).maxCount(1).subnetId(subnet))
        .instances().get(0).instanceId();
    String tgInst = elb.createTargetGroup(r -> r.name("inst").protocol(ProtocolEnum.HTTP).port(80).vpcId(vpc))
        .targetGroups().get(0).targetGroupArn();
    elb.registerTargets(r -> r.targetGroupArn(tgInst).targets(t -> t.id(instance)));
    ec2.stopInstances(r -> r.instanceIds(instance));
    refused(() -> elb.registerTargets(r -> r.targetGroupArn(tgInst).targets(t -> t.id(instance).port(81))), "InvalidTarget");
    refused(() -> elb.registerTargets(r -> r.targetGroupArn(tgInst).targets(t -> t.id("i-0123456789abcdef0"))), "InvalidTarget");
    refused(() -> elb.deregisterTargets(r -> r.targetGroupArn(tgInst).targets(t -> t.id("i-0123456789abcdef0"))), "InvalidTarget");
    String lambda = elb.createTargetGroup(r -> r.name("fn").targetType(TargetTypeEnum.LAMBDA)).targetGroups().get(0).targetGroupArn();
    elb.registerTargets(r -> r.targetGroupArn(lambda).targets(t -> t.id("arn:aws:lambda:us-east-1:000000000000:function:a")));
    refused(() -> elb.registerTargets(r -> r.targetGroupArn(lambda).targets(t -> t.id("arn:aws:lambda:us-east-1:000000000000:function:b"))),
        "TooManyTargets");
    assertThat(elb.describeTargetHealth(r -> r.targetGroupArn(lambda)).targetHealthDescriptions().get(0).targetHealth().reason())
        .isEqualTo(TargetHealthReasonEnum.TARGET_NOT_IN_USE);
  }

  @Test
  void quota_targetGroupsAndTargetsPerAlb() {
    var lb = elb.createLoadBalancer(r -> r.name("many").scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(subnetA, subnetB))
        .loadBalancers().get(0);
    String first = tg("many-0", ProtocolEnum.HTTP);
    String l = elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.HTTP).port(80)
        .defaultActions(forward(first))).listeners().get(0).listenerArn();
    // 1,000 targets fill the balancer; one more in another of its groups is refused
    var thousand = java.util.stream.IntStream.range(0, 1000)
        .mapToObj(i -> TargetDescription.builder().id("10.0." + (1 + i / 250) + "." + (1 + i % 250)).port(80).build()).toList();
    elb.registerTargets(r -> r.targetGroupArn(first).targets(thousand));
    int n = 1;
    for (int rule = 0; rule < 20; rule++) {
      var tuples = new java.util.ArrayList<TargetGroupTuple>();
      for (int k = 0; k < 5; k++) tuples.add(TargetGroupTuple.builder().targetGroupArn(tg("many-" + n++, ProtocolEnum.HTTP)).build());
      var act = Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(f -> f.targetGroups(tuples)).build();
      int p = rule + 1;
      if (rule < 19) {
        elb.createRule(r -> r.listenerArn(l).priority(p).conditions(path("/" + p)).actions(act));
      } else { // 1 + 19 * 5 = 96 groups in use; 5 more make 101
        refused(() -> elb.createRule(r -> r.listenerArn(l).priority(p).conditions(path("/" + p)).actions(act)),
            "TooManyUniqueTargetGroupsPerLoadBalancer");
      }
    }
    String second = elb.describeRules(r -> r.listenerArn(l)).rules().get(0).actions().get(0).forwardConfig().targetGroups().get(0)
        .targetGroupArn();
    refused(() -> elb.registerTargets(r -> r.targetGroupArn(second).targets(t -> t.id("10.0.9.9").port(80))), "TooManyTargets");
  }

  @Test
  void quota_tooManyLoadBalancers() {
    long have = elb.describeLoadBalancers(r -> {}).loadBalancers().stream().filter(b -> b.type() == LoadBalancerTypeEnum.NETWORK).count();
    for (long i = have; i < LoadBalancerOperations.MAX_NETWORK; i++) {
      long n = i;
      elb.createLoadBalancer(r -> r.name("q-" + n).type(LoadBalancerTypeEnum.NETWORK).scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(subnetB));
    }
    refused(() -> elb.createLoadBalancer(r -> r.name("q-over").type(LoadBalancerTypeEnum.NETWORK)
        .scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(subnetB)), "TooManyLoadBalancers");
  }

  @Test
  void restart_keepsNodeAddressesAndRepublishesNames() throws Exception {
    var ext = new Extensions();
    var context = new StratusContext(server.context().store(), Clock.systemUTC(), server.context().settings(), ext);
    var module = new Elbv2Module();
    module.reserveAddresses(context); // as the server does for every module before any starts
    var restarted = module.start(context);
    try {
      var target = DnsTargetRegistry.in(ext).find(alb.dnsName()).orElseThrow();
      var addresses = alb.availabilityZones().size();
      assertThat(target.addresses()).hasSize(addresses);
      target.addresses().forEach(a -> assertThat(LoopbackPool.in(ext).inUse(a.getHostAddress())).isTrue());
    } finally {
      for (var r : restarted.resources()) r.close();
    }
  }
}
