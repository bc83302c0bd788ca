package dev.stratus.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.core.dns.DnsTargetRegistry;
import dev.stratus.ec2.Ec2Module;
import dev.stratus.protocol.testing.ApiTestServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/** The ELBv2 control plane through the real SDK, over EC2's VPCs (both modules in one server). */
class Elbv2ControlPlaneIT {
  static final AtomicReference<Instant> NOW = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  static final Clock CLOCK = new Clock() {
    @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    @Override public Instant instant() { return NOW.get(); }
  };
  static ApiTestServer server;
  static ElasticLoadBalancingV2Client elb;
  static Ec2Client ec2;
  static String vpc, subnetA, subnetB, subnetA2, otherVpcSubnet, sgOther, privateVpc, privA, privB;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(CLOCK, new Ec2Module(), new Elbv2Module());
    elb = server.client(ElasticLoadBalancingV2Client.builder());
    ec2 = server.client(Ec2Client.builder());
    vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    subnetA = subnet(vpc, "10.0.1.0/24", "us-east-1a");
    subnetB = subnet(vpc, "10.0.2.0/24", "us-east-1b");
    subnetA2 = subnet(vpc, "10.0.3.0/24", "us-east-1a");
    String igw = ec2.createInternetGateway(r -> {}).internetGateway().internetGatewayId();
    ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc));
    String other = ec2.createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();
    otherVpcSubnet = subnet(other, "10.1.1.0/24", "us-east-1b");
    sgOther = ec2.createSecurityGroup(r -> r.groupName("o").description("o").vpcId(other)).groupId();
    privateVpc = ec2.createVpc(r -> r.cidrBlock("10.2.0.0/16")).vpc().vpcId();
    privA = subnet(privateVpc, "10.2.1.0/24", "us-east-1a");
    privB = subnet(privateVpc, "10.2.2.0/24", "us-east-1b");
  }

  static String subnet(String vpcId, String cidr, String az) {
    return ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock(cidr).availabilityZone(az)).subnet().subnetId();
  }

  @AfterAll
  static void stop() { server.close(); }

  static void refused(ThrowingCallable call, String code) {
    assertThatThrownBy(call).isInstanceOfSatisfying(AwsServiceException.class, e -> {
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
      assertThat(e.statusCode()).isEqualTo(400);
    });
  }

  static LoadBalancer alb(String name) {
    return elb.createLoadBalancer(r -> r.name(name).subnets(subnetA, subnetB)).loadBalancers().get(0);
  }

  static TargetGroup tg(String name, String protocol, int port) {
    return elb.createTargetGroup(r -> r.name(name).protocol(protocol).port(port).vpcId(vpc).targetType("ip")).targetGroups().get(0);
  }

  @Test
  void createLoadBalancer_alb_isDescribedWithZonesDnsNameZoneIdAndDefaultGroup() {
    var lb = alb("web-1");
    assertThat(lb.loadBalancerArn()).matches("arn:aws:elasticloadbalancing:us-east-1:\\d{12}:loadbalancer/app/web-1/[0-9a-f]{16}");
    assertThat(lb.dnsName()).matches("web-1-\\d{10}\\.us-east-1\\.elb\\.localhost");
    assertThat(lb.canonicalHostedZoneId()).isEqualTo("Z35SXDOTRQ7X7K");
    assertThat(lb.state().code()).isEqualTo(LoadBalancerStateEnum.PROVISIONING);
    assertThat(lb.availabilityZones()).extracting(AvailabilityZone::subnetId).containsExactlyInAnyOrder(subnetA, subnetB);
    String defaultSg = ec2.describeSecurityGroups(r -> r.filters(f -> f.name("vpc-id").values(vpc),
        f -> f.name("group-name").values("default"))).securityGroups().get(0).groupId();
    assertThat(lb.securityGroups()).containsExactly(defaultSg);
    NOW.set(NOW.get().plus(Duration.ofMinutes(1)));
    assertThat(elb.describeLoadBalancers(r -> r.names("web-1")).loadBalancers().get(0).state().code())
        .isEqualTo(LoadBalancerStateEnum.ACTIVE);
    // the same request again returns the same balancer (idempotent)
    assertThat(alb("web-1").loadBalancerArn()).isEqualTo(lb.loadBalancerArn());
  }

  @Test
  void createLoadBalancer_internalNlb_hasInternalNameNlbZoneAndNodeAddresses() {
    var lb = elb.createLoadBalancer(r -> r.name("nlb-1").type(LoadBalancerTypeEnum.NETWORK).scheme(LoadBalancerSchemeEnum.INTERNAL)
        .subnets(privA)).loadBalancers().get(0);
    assertThat(lb.dnsName()).startsWith("internal-nlb-1-").endsWith(".us-east-1.elb.localhost");
    assertThat(lb.canonicalHostedZoneId()).isEqualTo("Z26RNL4JYFTOTI");
    assertThat(lb.availabilityZones().get(0).loadBalancerAddresses().get(0).ipAddress()).startsWith("127.1.");
    assertThat(lb.securityGroups()).isEmpty();
  }

  @Test
  void createLoadBalancer_refusals() {
    refused(() -> elb.createLoadBalancer(r -> r.name("one").subnets(subnetA)), "ValidationError");
    refused(() -> elb.createLoadBalancer(r -> r.name("same-az").subnets(subnetA, subnetA2)), "InvalidConfigurationRequest");
    refused(() -> elb.createLoadBalancer(r -> r.name("two-vpcs").subnets(subnetA, otherVpcSubnet)), "InvalidSubnet");
    refused(() -> elb.createLoadBalancer(r -> r.name("no-igw").subnets(privA, privB)), "InvalidSubnet");
    refused(() -> elb.createLoadBalancer(r -> r.name("nope").subnets(subnetA, "subnet-0000000000000000f")), "SubnetNotFound");
    refused(() -> elb.createLoadBalancer(r -> r.name("sg").subnets(subnetA, subnetB).securityGroups(sgOther)), "InvalidSecurityGroup");
    refused(() -> elb.createLoadBalancer(r -> r.name("sg2").subnets(subnetA, subnetB).securityGroups("sg-0000000000000000f")),
        "InvalidSecurityGroup");
    refused(() -> elb.createLoadBalancer(r -> r.name("-bad").subnets(subnetA, subnetB)), "ValidationError");
    refused(() -> elb.createLoadBalancer(r -> r.name("a".repeat(33)).subnets(subnetA, subnetB)), "ValidationError");
    refused(() -> elb.createLoadBalancer(r -> r.name("bad_name").subnets(subnetA, subnetB)), "ValidationError");
    refused(() -> elb.createLoadBalancer(r -> r.name("internal-x").subnets(subnetA, subnetB)), "ValidationError");
    alb("dup");
    refused(() -> elb.createLoadBalancer(r -> r.name("dup").subnets(subnetA, subnetB).scheme(LoadBalancerSchemeEnum.INTERNAL)),
        "DuplicateLoadBalancerName");
    // internal balancers need no internet gateway
    assertThat(elb.createLoadBalancer(r -> r.name("int").scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(privA, privB))
        .loadBalancers()).hasSize(1);
  }

  @Test
  void deleteLoadBalancer_withDeletionProtection_isOperationNotPermitted() {
    var lb = alb("protected");
    elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn())
        .attributes(a -> a.key("deletion_protection.enabled").value("true")));
    refused(() -> elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn())), "OperationNotPermitted");
    elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn())
        .attributes(a -> a.key("deletion_protection.enabled").value("false")));
    elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn()));
    refused(() -> elb.describeLoadBalancers(r -> r.names("protected")), "LoadBalancerNotFound");
  }

  @Test
  void loadBalancerAttributes_defaultsAndValidation() {
    var lb = alb("attrs");
    var attrs = elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn())).attributes();
    assertThat(attrs).contains(LoadBalancerAttribute.builder().key("idle_timeout.timeout_seconds").value("60").build(),
        LoadBalancerAttribute.builder().key("routing.http.xff_header_processing.mode").value("append").build());
    refused(() -> elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn())
        .attributes(a -> a.key("idle_timeout.timeout_seconds").value("4001"))), "ValidationError");
    refused(() -> elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn())
        .attributes(a -> a.key("no.such").value("1"))), "ValidationError");
  }

  @Test
  void targetGroup_defaultsRangesTargetsAndHealth() {
    var tg = tg("tg-http", "HTTP", 80);
    assertThat(tg.healthCheckIntervalSeconds()).isEqualTo(30);
    assertThat(tg.healthCheckTimeoutSeconds()).isEqualTo(5);
    assertThat(tg.healthyThresholdCount()).isEqualTo(5);
    assertThat(tg.unhealthyThresholdCount()).isEqualTo(2);
    assertThat(tg.matcher().httpCode()).isEqualTo("200");
    assertThat(tg.healthCheckPath()).isEqualTo("/");
    var tcp = tg("tg-tcp", "TCP", 80);
    assertThat(tcp.healthCheckProtocol()).isEqualTo(ProtocolEnum.TCP);
    assertThat(tcp.healthCheckTimeoutSeconds()).isEqualTo(10);
    refused(() -> elb.createTargetGroup(r -> r.name("bad-iv").protocol("HTTP").port(80).vpcId(vpc).healthCheckIntervalSeconds(4)),
        "ValidationError");
    refused(() -> elb.createTargetGroup(r -> r.name("bad-m").protocol("HTTP").port(80).vpcId(vpc).matcher(m -> m.httpCode("500"))),
        "ValidationError");
    refused(() -> elb.createTargetGroup(r -> r.name("tg-http").protocol("HTTP").port(81).vpcId(vpc).targetType("ip")),
        "DuplicateTargetGroupName");
    refused(() -> elb.registerTargets(r -> r.targetGroupArn(tg.targetGroupArn()).targets(t -> t.id("8.8.8.8"))), "InvalidTarget");
    refused(() -> elb.registerTargets(r -> r.targetGroupArn(tg.targetGroupArn()).targets(t -> t.id("127.0.0.5").port(0))),
        "ValidationError");
    refused(() -> elb.registerTargets(r -> r.targetGroupArn(tg.targetGroupArn()).targets(t -> t.id("192.168.1.1"))), "ValidationError");
    elb.registerTargets(r -> r.targetGroupArn(tg.targetGroupArn()).targets(t -> t.id("127.0.0.5").port(8080), t -> t.id("10.0.1.9"),
        t -> t.id("192.168.1.1").availabilityZone("all")));
    var health = elb.describeTargetHealth(r -> r.targetGroupArn(tg.targetGroupArn())).targetHealthDescriptions();
    assertThat(health).hasSize(3).allSatisfy(h -> {
      assertThat(h.targetHealth().state()).isEqualTo(TargetHealthStateEnum.UNUSED);
      assertThat(h.targetHealth().reason()).isEqualTo(TargetHealthReasonEnum.TARGET_NOT_IN_USE);
    });
    var attrs = elb.describeTargetGroupAttributes(r -> r.targetGroupArn(tg.targetGroupArn())).attributes();
    assertThat(attrs).contains(TargetGroupAttribute.builder().key("deregistration_delay.timeout_seconds").value("300").build());
    refused(() -> elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(tg.targetGroupArn())
        .attributes(a -> a.key("slow_start.duration_seconds").value("10"))), "ValidationError");
    refused(() -> elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(tg.targetGroupArn()).attributes(
        a -> a.key("load_balancing.algorithm.type").value("least_outstanding_requests"),
        a -> a.key("slow_start.duration_seconds").value("60"))), "InvalidConfigurationRequest");
  }

  @Test
  void listenersAndRules_limitsAndInUse() {
    var lb = alb("rules");
    var tg = tg("tg-rules", "HTTP", 80);
    var forward = Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(tg.targetGroupArn()).build();
    var listener = elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.HTTP).port(80)
        .defaultActions(forward)).listeners().get(0);
    refused(() -> elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.HTTP).port(80)
        .defaultActions(forward)), "DuplicateListener");
    refused(() -> elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.TCP).port(81)
        .defaultActions(forward)), "UnsupportedProtocol");
    refused(() -> elb.deleteTargetGroup(r -> r.targetGroupArn(tg.targetGroupArn())), "ResourceInUse");
    assertThat(elb.describeTargetGroups(r -> r.targetGroupArns(tg.targetGroupArn())).targetGroups().get(0).loadBalancerArns())
        .containsExactly(lb.loadBalancerArn());

    var host = RuleCondition.builder().field("host-header").hostHeaderConfig(h -> h.values("*.example.com")).build();
    elb.createRule(r -> r.listenerArn(listener.listenerArn()).priority(10).conditions(host).actions(forward));
    refused(() -> elb.createRule(r -> r.listenerArn(listener.listenerArn()).priority(10).conditions(host).actions(forward)),
        "PriorityInUse");
    refused(() -> elb.createRule(r -> r.listenerArn(listener.listenerArn()).priority(50001).conditions(host).actions(forward)),
        "ValidationError");
    var six = RuleCondition.builder().field("path-pattern").pathPatternConfig(p -> p.values("/a", "/b", "/c", "/d", "/e")).build();
    refused(() -> elb.createRule(r -> r.listenerArn(listener.listenerArn()).priority(11).conditions(host, six).actions(forward)),
        "ValidationError");
    var wild = RuleCondition.builder().field("path-pattern").pathPatternConfig(p -> p.values("/*/*/*/*/*")).build();
    refused(() -> elb.createRule(r -> r.listenerArn(listener.listenerArn()).priority(12).conditions(host, wild).actions(forward)),
        "ValidationError");
    var loop = Action.builder().type(ActionTypeEnum.REDIRECT).redirectConfig(c -> c.statusCode(RedirectActionStatusCodeEnum.HTTP_301)).build();
    refused(() -> elb.createRule(r -> r.listenerArn(listener.listenerArn()).priority(13).conditions(host).actions(loop)),
        "InvalidLoadBalancerAction");
    var fixedBad = Action.builder().type(ActionTypeEnum.FIXED_RESPONSE).fixedResponseConfig(c -> c.statusCode("302")).build();
    refused(() -> elb.createRule(r -> r.listenerArn(listener.listenerArn()).priority(14).conditions(host).actions(fixedBad)),
        "ValidationError");
    var rules = elb.describeRules(r -> r.listenerArn(listener.listenerArn())).rules();
    assertThat(rules).extracting(software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule::priority)
        .containsExactly("10", "default");
    refused(() -> elb.deleteRule(r -> r.ruleArn(rules.get(1).ruleArn())), "OperationNotPermitted");
    elb.setRulePriorities(r -> r.rulePriorities(p -> p.ruleArn(rules.get(0).ruleArn()).priority(20)));
    assertThat(elb.describeRules(r -> r.ruleArns(rules.get(0).ruleArn())).rules().get(0).priority()).isEqualTo("20");

    // another balancer cannot use the same target group
    var lb2 = alb("rules-2");
    refused(() -> elb.createListener(r -> r.loadBalancerArn(lb2.loadBalancerArn()).protocol(ProtocolEnum.HTTP).port(80)
        .defaultActions(forward)), "TargetGroupAssociationLimit");
  }

  @Test
  void dnsNames_areRegisteredUnderBothSuffixes_unhealthyWithoutHealthyTargets() {
    var lb = alb("dns-1");
    var registry = DnsTargetRegistry.in(server.context().extensions());
    var local = registry.find(lb.dnsName()).orElseThrow();
    assertThat(local.ttlSeconds()).isEqualTo(60);
    assertThat(local.addresses()).hasSize(2).allSatisfy(a -> assertThat(a.getHostAddress()).startsWith("127.1."));
    assertThat(local.healthy()).isFalse();
    String aws = lb.dnsName().replace(".elb.localhost", ".elb.amazonaws.com");
    assertThat(registry.find("dualstack." + aws)).isPresent();
    elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn()));
    assertThat(registry.find(lb.dnsName())).isEmpty();
  }

  @Test
  void tagsAndPolicies() {
    var lb = alb("tags");
    elb.addTags(r -> r.resourceArns(lb.loadBalancerArn()).tags(t -> t.key("env").value("dev")));
    assertThat(elb.describeTags(r -> r.resourceArns(lb.loadBalancerArn())).tagDescriptions().get(0).tags())
        .containsExactly(Tag.builder().key("env").value("dev").build());
    refused(() -> elb.addTags(r -> r.resourceArns(lb.loadBalancerArn()).tags(t -> t.key("aws:x").value("1"))), "ValidationError");
    assertThat(elb.describeSSLPolicies(r -> r.names("ELBSecurityPolicy-TLS13-1-2-2021-06")).sslPolicies()).hasSize(1);
    refused(() -> elb.describeSSLPolicies(r -> r.names("Nope")), "SSLPolicyNotFound");
    assertThat(elb.describeAccountLimits(r -> {}).limits()).extracting(Limit::name).contains("application-load-balancers");
  }
}
