package dev.stratus.app.fidelity;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.*;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HealthCheckType;
import tools.jackson.databind.JsonNode;

/**
 * The resources one example's command names, made for it in a fresh account: each id of the
 * example ({@code vpc-1a2b3c4d}, {@code Z1R8UBAEXAMPLE}) is replaced by the id of a resource of the
 * same kind created through the SDK just before the command runs (distinct example ids of one kind
 * get distinct resources, in order of appearance). The resources of ACM, S3, CloudFront, WAF, API
 * Gateway and Lambda are made through the AWS CLI itself ({@link #cli}); their ids, which carry no
 * kind, take it from the flag that names them ({@code FLAG_KINDS}).
 */
final class ExampleFixture implements AutoCloseable {
  /** EC2 id prefixes, longest first so that {@code tgw-attach-…} is not read as {@code tgw-…}. */
  private static final List<String> EC2_KINDS = List.of("vpc-cidr-assoc", "subnet-cidr-assoc", "tgw-attach", "tgw-rtb",
      "vpce-svc", "eipalloc", "eipassoc", "rtbassoc", "aclassoc", "eni-attach", "eigw", "vpce", "igw", "vpc", "subnet",
      "sgr", "sg", "rtb", "acl", "dopt", "eni", "nat", "tgw", "pcx", "pl", "vgw", "cgw", "vpn", "nip", "nia", "i");
  private static final Pattern EC2_ID = Pattern.compile(
      "(?<![A-Za-z0-9-])(" + String.join("|", EC2_KINDS) + ")-((?=[a-zA-Z]*[0-9]|[a-zA-Z]*EXAMPLE)[0-9a-zA-Z]{6,})(?![A-Za-z0-9])");
  private static final Pattern ZONE_ID = Pattern.compile("(?<![A-Za-z0-9])Z[0-9A-Z]{8,}(?![A-Za-z0-9])");
  private static final Pattern CHANGE_ID = Pattern.compile("(?<![A-Za-z0-9])C[0-9A-Z]{8,}(?![A-Za-z0-9])");
  private static final Pattern HEALTH_CHECK_ID = Pattern.compile(
      "(?<![A-Za-z0-9])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9])");

  /**
   * The ARNs of the examples' resources ({@code arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067}):
   * the kind is the service and the resource type ({@code elasticloadbalancing:targetgroup}, see {@link #arnKind}).
   */
  private static final Pattern ARN = Pattern.compile(
      "arn:aws:(elasticloadbalancing|globalaccelerator|acm|wafv2|cloudfront):[a-z0-9-]*:([0-9]{12}|account):[A-Za-z0-9_./:-]+[A-Za-z0-9]");

  /**
   * The services whose ids carry no kind of their own (API Gateway's {@code 1234123412}, WAF's
   * {@code a1b2c3d4-…-EXAMPLE11111}): the flag that names an id tells its kind ({@code <service> <flag>};
   * a {@code *} kind is decided by the command, see {@link #flagKind}).
   */
  private static final Map<String, String> FLAG_KINDS = Map.ofEntries(
      Map.entry("apigateway --rest-api-id", "apigw:restapi"), Map.entry("apigateway --resource-id", "apigw:resource"),
      Map.entry("apigateway --parent-id", "apigw:root"), Map.entry("apigateway --usage-plan-id", "apigw:usageplan"),
      Map.entry("apigateway --deployment-id", "apigw:deployment"), Map.entry("apigateway --api-key", "apigw:apikey"),
      Map.entry("apigateway --key-id", "apigw:apikey"), Map.entry("apigateway --authorizer-id", "apigw:authorizer"),
      Map.entry("apigatewayv2 --api-id", "apigwv2:api"), Map.entry("apigatewayv2 --route-id", "apigwv2:route"),
      Map.entry("apigatewayv2 --integration-id", "apigwv2:integration"),
      Map.entry("apigatewayv2 --authorizer-id", "apigwv2:authorizer"),
      Map.entry("apigatewayv2 --deployment-id", "apigwv2:deployment"),
      Map.entry("apigatewayv2 --api-mapping-id", "apigwv2:apimapping"), Map.entry("apigatewayv2 --vpc-link-id", "apigwv2:vpclink"),
      Map.entry("cloudfront --distribution-id", "cloudfront:distribution"), Map.entry("cloudfront --id", "*"),
      Map.entry("wafv2 --id", "*"), Map.entry("wafv2 --web-acl-id", "*"));

  private final String service;
  private final String account;
  private final String region;
  /** The example's command: a few resources start in the state the command needs. */
  private final String command;
  private final URI endpoint;
  private final StaticCredentialsProvider credentials;
  private Ec2Client ec2Client;
  private Route53Client route53Client;
  private ElasticLoadBalancingV2Client elbClient;
  private GlobalAcceleratorClient gaClient;
  /** The AWS CLI, for the resources of the services the fixture makes through it. */
  private final AwsExamples aws;
  /** The example's id → ours. */
  private final Map<String, String> ids = new LinkedHashMap<>();
  private final Map<String, List<String>> made = new HashMap<>();
  /** Per kind, how many of the made resources an example id names (the rest were made as dependencies). */
  private final Map<String, Integer> named = new HashMap<>();
  private String zoneChange;
  private final Map<String, JsonNode> wafs = new HashMap<>();
  /** The WAF rule an example names ({@code --rule-name}). */
  private String ruleName = "fixture";
  /** The custom domain name the example names (API Gateway), and those the fixture made. */
  private String domainName;
  private final java.util.Set<String> domainNames = new java.util.HashSet<>();
  private final Map<String, String> functions = new HashMap<>();
  /** The octets of an address the example's first subnet must hold (null: 10.0.n.0/24). */
  private String[] destination;

  ExampleFixture(URI endpoint, String account, String region, String service, String command, AwsExamples aws) {
    this.aws = aws;
    this.service = service;
    this.command = command;
    this.account = account;
    this.region = region;
    this.endpoint = endpoint;
    this.credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(account, "secret"));
  }

  // clients are made on first use: most examples name one service's resources, many none
  private Ec2Client ec2() {
    if (ec2Client == null) {
      ec2Client = Ec2Client.builder().endpointOverride(endpoint).region(Region.of(region)).credentialsProvider(credentials)
          .httpClient(UrlConnectionHttpClient.create()).build();
    }
    return ec2Client;
  }

  private Route53Client route53() {
    if (route53Client == null) {
      route53Client = Route53Client.builder().endpointOverride(endpoint).region(Region.AWS_GLOBAL)
          .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }
    return route53Client;
  }

  private ElasticLoadBalancingV2Client elb() {
    if (elbClient == null) {
      elbClient = ElasticLoadBalancingV2Client.builder().endpointOverride(endpoint).region(Region.of(region))
          .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }
    return elbClient;
  }

  // Global Accelerator's API is in us-west-2 only
  private GlobalAcceleratorClient ga() {
    if (gaClient == null) {
      gaClient = GlobalAcceleratorClient.builder().endpointOverride(endpoint).region(Region.US_WEST_2)
          .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }
    return gaClient;
  }

  String account() { return account; }

  /** The fixture kind of an example's ARN: service and resource type, with the few distinctions the fixture makes. */
  private String arnKind(Matcher m) {
    String arn = m.group();
    String resource = arn.split(":", 6)[5];
    return switch (m.group(1)) {
      case "elasticloadbalancing" -> {
        String[] p = resource.split("/");
        if (p[0].equals("targetgroup")) {
          // the example's name tells the group's protocol and target type: my-tcp-ip-targets, my-https-targets
          String protocol = p[1].contains("tcp") ? "TCP" : p[1].contains("https") ? "HTTPS" : p[1].contains("glb") ? "GENEVE"
              : "HTTP";
          yield "elbv2:targetgroup/" + protocol + (p[1].contains("-ip-") ? "/ip" : "");
        }
        yield "elbv2:" + (p[0].equals("loadbalancer") || p[0].equals("listener") ? p[0] + "/" + p[1] : p[0]);
      }
      case "globalaccelerator" -> {
        String custom = command.contains("custom-routing") ? "custom-" : "";
        yield "ga:" + custom + (resource.contains("/endpoint-group/") ? "endpoint-group"
            : resource.contains("/listener/") ? "listener" : "accelerator");
      }
      // a web ACL's name is part of its ARN: the fixture makes it with the example's name
      case "wafv2" -> "wafv2:web-acl/" + resource.split("/")[2];
      case "cloudfront" -> "cloudfront:arn";
      default -> m.group(1) + ":" + resource.split("/")[0];
    };
  }

  /** The kind of the id after {@code flag} in this example, or null when the flag names none. */
  private String flagKind(String flag, List<String> args) {
    String kind = FLAG_KINDS.get(service + " " + flag);
    if (!"*".equals(kind)) return kind;
    if (service.equals("cloudfront")) {
      return command.contains("origin-access-identity") ? "cloudfront:oai"
          : command.contains("invalidation") ? "cloudfront:invalidation"
          : command.endsWith("-distribution") || command.endsWith("-distribution-config") ? "cloudfront:distribution" : null;
    }
    String name = flag.equals("--web-acl-id") ? arg(args, "--web-acl-name") : arg(args, "--name");
    for (String k : List.of("ip-set", "regex-pattern-set", "rule-group", "web-acl")) {
      if (command.endsWith("-" + k) || flag.equals("--web-acl-id") && k.equals("web-acl")) return "wafv2:" + k + "-id/" + name;
    }
    return null;
  }

  /** {@code args} with every example id replaced by a fixture resource's id (made on first sight). */
  List<String> substitute(String service, List<String> args) {
    // the first VPC and subnet hold the example's destination addresses (custom routing names them)
    for (String flag : List.of("--destination-addresses", "--destination-address")) {
      String a = arg(args, flag);
      if (a != null && a.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) destination = a.split("\\.");
    }
    if (arg(args, "--rule-name") != null) ruleName = arg(args, "--rule-name");
    if (arg(args, "--domain-name") != null) domainName = arg(args, "--domain-name");
    List<String> out = new ArrayList<>();
    for (String a : args) {
      String flagKind = out.isEmpty() ? null : flagKind(out.getLast(), args);
      if (flagKind != null) {
        out.add(ids.computeIfAbsent(a, k -> next(flagKind)));
        continue;
      }
      if (service.equals("lambda")) {
        // the examples' functions are in 123456789012's us-west-2: the fixture's are the test account's
        out.add(a.replace("arn:aws:lambda:us-west-2:", "arn:aws:lambda:" + region + ":").replace("123456789012", account));
        continue;
      }
      if (service.equals("s3api") && !out.isEmpty() && out.getLast().equals("--bucket")) {
        // bucket names are global: each example's account gets its own
        out.add(ids.computeIfAbsent(a, k -> a + "-" + account));
        continue;
      }
      if (service.equals("apigatewayv2") && a.startsWith("integrations/")) {
        out.add("integrations/" + ids.computeIfAbsent(a.substring(13), k -> next("apigwv2:integration")));
        continue;
      }
      if (service.equals("apigatewayv2") && a.startsWith("arn:aws:apigateway:")) {
        String id = a.substring(a.lastIndexOf('/') + 1);
        out.add("arn:aws:apigateway:" + region + "::/apis/" + ids.computeIfAbsent(id, k -> next("apigwv2:api")));
        continue;
      }
      String s = replace(ARN, a, this::arnKind);
      s = replace(EC2_ID, s, m -> "ec2:" + m.group(1));
      if (service.equals("route53") && out.size() >= 1 && out.getLast().equals("--resource-id")) {
        String type = args.get(Math.max(0, args.indexOf("--resource-type") + 1));
        s = ids.computeIfAbsent(a, k -> next(type.equals("healthcheck") ? "route53:healthcheck" : "route53:zone"));
      } else if (service.equals("route53")) {
        s = replace(ZONE_ID, s, m -> "route53:zone");
        s = replace(HEALTH_CHECK_ID, s, m -> "route53:healthcheck");
        s = replace(CHANGE_ID, s, m -> "route53:change");
      }
      out.add(s);
    }
    return out;
  }

  /** The fixture's id for an example id the command named (the value itself otherwise). */
  String mapped(String exampleValue) {
    String direct = ids.get(exampleValue);
    if (direct != null) return direct;
    // Route 53 outputs show zone and change ids with their prefix: /hostedzone/Z…, /change/C…
    for (var e : ids.entrySet()) {
      if (exampleValue.equals("/hostedzone/" + e.getKey()) || exampleValue.equals("/change/" + e.getKey())) {
        return exampleValue.replace(e.getKey(), e.getValue());
      }
    }
    return exampleValue;
  }

  private String replace(Pattern p, String text, java.util.function.Function<Matcher, String> kind) {
    Matcher m = p.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String ours = ids.computeIfAbsent(m.group(), k -> next(kind.apply(m)));
      m.appendReplacement(sb, Matcher.quoteReplacement(ours));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** The next resource of a kind for a new example id: one made as a dependency first, else a new one. */
  private String next(String kind) {
    int n = named.merge(kind, 1, Integer::sum) - 1;
    return nth(kind, n);
  }

  /** The {@code n}th resource of a kind, made before on demand. */
  private String nth(String kind, int n) {
    List<String> list = made.computeIfAbsent(kind, k -> new ArrayList<>());
    while (list.size() <= n) {
      String id = create(kind, list.size());
      made.get(kind).add(id);
    }
    return list.get(n);
  }

  private String first(String kind) { return nth(kind, 0); }

  private TagSpecification name(ResourceType type, String name) {
    return TagSpecification.builder().resourceType(type).tags(Tag.builder().key("Name").value(name).build()).build();
  }

  private String create(String kind, int n) {
    return switch (kind) {
      case "ec2:vpc" -> {
        String vpc = ec2().createVpc(r -> r.cidrBlock(n == 0 && destination != null
                ? destination[0] + "." + destination[1] + ".0.0/16" : "10." + n + ".0.0/16")
            .tagSpecifications(name(ResourceType.VPC, "vpc-" + n))).vpc().vpcId();
        // the load balancers these examples create are internet-facing: their VPC needs an internet gateway
        if (n == 0 && (service.equals("elbv2") || service.equals("globalaccelerator"))) {
          String igw = ec2().createInternetGateway(r -> { }).internetGateway().internetGatewayId();
          ec2().attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc));
        }
        yield vpc;
      }
      case "ec2:subnet" -> ec2().createSubnet(r -> r.vpcId(first("ec2:vpc")).cidrBlock(destination != null
              ? destination[0] + "." + destination[1] + "." + (Integer.parseInt(destination[2]) + n) % 256 + ".0/24" : "10.0." + n + ".0/24")
          .availabilityZone(region + (n % 2 == 0 ? "a" : "b")).tagSpecifications(name(ResourceType.SUBNET, "subnet-" + n)))
          .subnet().subnetId();
      case "ec2:sg" -> ec2().createSecurityGroup(r -> r.vpcId(first("ec2:vpc")).groupName("group-" + n)
          .description("fixture group " + n).tagSpecifications(name(ResourceType.SECURITY_GROUP, "group-" + n))).groupId();
      case "ec2:sgr" -> ec2().authorizeSecurityGroupIngress(r -> r.groupId(first("ec2:sg")).ipPermissions(p -> p
          .ipProtocol("tcp").fromPort(22 + n).toPort(22 + n).ipRanges(x -> x.cidrIp("203.0.113.0/24"))))
          .securityGroupRules().getFirst().securityGroupRuleId();
      case "ec2:rtb" -> ec2().createRouteTable(r -> r.vpcId(first("ec2:vpc"))
          .tagSpecifications(name(ResourceType.ROUTE_TABLE, "rtb-" + n))).routeTable().routeTableId();
      case "ec2:rtbassoc" -> ec2().associateRouteTable(r -> r.routeTableId(nth("ec2:rtb", n)).subnetId(nth("ec2:subnet", n)))
          .associationId();
      case "ec2:igw" -> {
        String igw = ec2().createInternetGateway(r -> r.tagSpecifications(name(ResourceType.INTERNET_GATEWAY, "igw-" + n)))
            .internetGateway().internetGatewayId();
        // attached to the first VPC, as the commands that name a gateway with a VPC need; the attach example not
        if (n == 0 && !command.equals("attach-internet-gateway") && !command.equals("delete-internet-gateway")) {
          ec2().attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(first("ec2:vpc")));
        }
        yield igw;
      }
      case "ec2:eigw" -> ec2().createEgressOnlyInternetGateway(r -> r.vpcId(first("ec2:vpc")))
          .egressOnlyInternetGateway().egressOnlyInternetGatewayId();
      case "ec2:acl" -> ec2().createNetworkAcl(r -> r.vpcId(first("ec2:vpc"))
          .tagSpecifications(name(ResourceType.NETWORK_ACL, "acl-" + n))).networkAcl().networkAclId();
      case "ec2:aclassoc" -> {
        String subnet = nth("ec2:subnet", n);
        yield ec2().describeNetworkAcls(r -> r.filters(f -> f.name("association.subnet-id").values(subnet))).networkAcls()
            .getFirst().associations().stream().filter(a -> subnet.equals(a.subnetId())).findFirst().orElseThrow()
            .networkAclAssociationId();
      }
      case "ec2:dopt" -> ec2().createDhcpOptions(r -> r.dhcpConfigurations(c -> c.key("domain-name-servers")
          .values("AmazonProvidedDNS")).tagSpecifications(name(ResourceType.DHCP_OPTIONS, "dopt-" + n)))
          .dhcpOptions().dhcpOptionsId();
      case "ec2:eni" -> ec2().createNetworkInterface(r -> r.subnetId(first("ec2:subnet")).description("fixture interface"))
          .networkInterface().networkInterfaceId();
      case "ec2:eipalloc" -> ec2().allocateAddress(r -> r.domain(DomainType.VPC)).allocationId();
      case "ec2:eipassoc" -> ec2().associateAddress(r -> r.allocationId(nth("ec2:eipalloc", n))
          .networkInterfaceId(nth("ec2:eni", n))).associationId();
      case "ec2:nat" -> ec2().createNatGateway(r -> r.subnetId(first("ec2:subnet")).allocationId(nth("ec2:eipalloc", n)))
          .natGateway().natGatewayId();
      case "ec2:i" -> ec2().runInstances(r -> r.imageId("ami-0abcdef1234567890").instanceType(InstanceType.T3_MICRO)
          .minCount(1).maxCount(1).subnetId(first("ec2:subnet"))).instances().getFirst().instanceId();
      case "ec2:tgw" -> ec2().createTransitGateway(r -> r.description("fixture tgw " + n)).transitGateway().transitGatewayId();
      case "ec2:tgw-attach" -> command.contains("peering") ? ec2().createTransitGatewayPeeringAttachment(r -> r
          .transitGatewayId(first("ec2:tgw")).peerTransitGatewayId(nth("ec2:tgw", n + 1)).peerAccountId(account)
          .peerRegion(region)).transitGatewayPeeringAttachment().transitGatewayAttachmentId() : ec2().createTransitGatewayVpcAttachment(r -> r.transitGatewayId(first("ec2:tgw"))
          .vpcId(first("ec2:vpc")).subnetIds(first("ec2:subnet"))).transitGatewayVpcAttachment().transitGatewayAttachmentId();
      case "ec2:tgw-rtb" -> ec2().createTransitGatewayRouteTable(r -> r.transitGatewayId(first("ec2:tgw")))
          .transitGatewayRouteTable().transitGatewayRouteTableId();
      case "ec2:pcx" -> ec2().createVpcPeeringConnection(r -> r.vpcId(first("ec2:vpc")).peerVpcId(nth("ec2:vpc", n + 1)))
          .vpcPeeringConnection().vpcPeeringConnectionId();
      case "ec2:vpce" -> ec2().createVpcEndpoint(r -> r.vpcId(first("ec2:vpc")).serviceName("com.amazonaws." + region + ".s3")
          .vpcEndpointType(VpcEndpointType.GATEWAY)).vpcEndpoint().vpcEndpointId();
      case "ec2:vpce-svc" -> ec2().createVpcEndpointServiceConfiguration(r -> r.networkLoadBalancerArns(
          "arn:aws:elasticloadbalancing:" + region + ":" + account + ":loadbalancer/net/fixture-" + n + "/0123456789abcdef"))
          .serviceConfiguration().serviceId();
      // Stratus has AWS's managed prefix lists only (CreateManagedPrefixList is not served)
      case "ec2:pl" -> ec2().describeManagedPrefixLists(r -> { }).prefixLists().get(n).prefixListId();
      case "ec2:vgw" -> {
        String vgw = ec2().createVpnGateway(r -> r.type(GatewayType.IPSEC_1)).vpnGateway().vpnGatewayId();
        if (n == 0 && !command.equals("attach-vpn-gateway") && !command.equals("delete-vpn-gateway")) {
          ec2().attachVpnGateway(r -> r.vpnGatewayId(vgw).vpcId(first("ec2:vpc")));
        }
        yield vgw;
      }
      case "ec2:cgw" -> ec2().createCustomerGateway(r -> r.type(GatewayType.IPSEC_1).bgpAsn(65000 + n)
          .ipAddress("198.51.100." + (10 + n))).customerGateway().customerGatewayId();
      case "ec2:vpn" -> ec2().createVpnConnection(r -> r.type("ipsec.1").customerGatewayId(nth("ec2:cgw", n))
          .vpnGatewayId(nth("ec2:vgw", n)).options(o -> o.staticRoutesOnly(true))).vpnConnection().vpnConnectionId();
      case "ec2:vpc-cidr-assoc" -> ec2().associateVpcCidrBlock(r -> r.vpcId(first("ec2:vpc")).cidrBlock("10." + (200 + n) + ".0.0/16"))
          .cidrBlockAssociation().associationId();
      case "ec2:eni-attach" -> ec2().attachNetworkInterface(r -> r.networkInterfaceId(nth("ec2:eni", n))
          .instanceId(nth("ec2:i", n)).deviceIndex(1)).attachmentId();
      case "ec2:nia" -> ec2().startNetworkInsightsAnalysis(r -> r.networkInsightsPathId(nth("ec2:nip", n)))
          .networkInsightsAnalysis().networkInsightsAnalysisId();
      case "ec2:subnet-cidr-assoc" -> {
        String vpc = first("ec2:vpc");
        ec2().associateVpcCidrBlock(r -> r.vpcId(vpc).amazonProvidedIpv6CidrBlock(true));
        String block = ec2().describeVpcs(r -> r.vpcIds(vpc)).vpcs().getFirst().ipv6CidrBlockAssociationSet().getFirst()
            .ipv6CidrBlock();
        yield ec2().associateSubnetCidrBlock(r -> r.subnetId(nth("ec2:subnet", n)).ipv6CidrBlock(block.replace("/56", "/64")))
            .ipv6CidrBlockAssociation().associationId();
      }
      case "ec2:nip" -> ec2().createNetworkInsightsPath(r -> r.source(first("ec2:igw")).destination(first("ec2:eni"))
          .protocol(Protocol.TCP)).networkInsightsPath().networkInsightsPathId();
      case "route53:zone" -> {
        var created = route53().createHostedZone(r -> r.name("example" + (n == 0 ? "" : n) + ".com")
            .callerReference("fixture-" + n));
        if (zoneChange == null) zoneChange = created.changeInfo().id().replace("/change/", "");
        yield created.hostedZone().id().replace("/hostedzone/", "");
      }
      case "route53:change" -> {
        first("route53:zone");
        yield zoneChange;
      }
      case "route53:healthcheck" -> route53().createHealthCheck(r -> r.callerReference("fixture-hc-" + n)
          .healthCheckConfig(c -> c.type(HealthCheckType.HTTP).ipAddress("52.94.236.248").port(80).resourcePath("/")))
          .healthCheck().id();
      case "elbv2:loadbalancer/app", "elbv2:loadbalancer/net" -> internetFacing(() -> elb().createLoadBalancer(r -> r
          .name((kind.endsWith("app") ? "fixture-alb-" : "fixture-nlb-") + n)
          .type(kind.endsWith("app") ? LoadBalancerTypeEnum.APPLICATION : LoadBalancerTypeEnum.NETWORK)
          .subnets(nth("ec2:subnet", 0), nth("ec2:subnet", 1))).loadBalancers().getFirst().loadBalancerArn());
      case "elbv2:loadbalancer/gwy" -> internetFacing(() -> elb().createLoadBalancer(r -> r.name("fixture-gwlb-" + n)
          .type(LoadBalancerTypeEnum.GATEWAY).subnets(nth("ec2:subnet", 0))).loadBalancers().getFirst().loadBalancerArn());
      case "elbv2:targetgroup/HTTP", "elbv2:targetgroup/HTTPS", "elbv2:targetgroup/TCP", "elbv2:targetgroup/TCP/ip",
          "elbv2:targetgroup/GENEVE" -> {
        String[] p = kind.split("/");
        yield elb().createTargetGroup(r -> r.name("fixture-" + p[1].toLowerCase(java.util.Locale.ROOT) + "-" + n)
            .protocol(p[1]).port(p[1].equals("HTTPS") ? 443 : p[1].equals("GENEVE") ? 6081 : 80).vpcId(first("ec2:vpc"))
            .targetType(p.length > 2 ? "ip" : "instance")).targetGroups().getFirst().targetGroupArn();
      }
      // the listener whose certificate list an example changes is an HTTPS one, with its own default certificate
      case "elbv2:listener/app" -> command.contains("listener-certificates") ? elb().createListener(r -> r
          .loadBalancerArn(first("elbv2:loadbalancer/app")).protocol(ProtocolEnum.HTTPS).port(443 + n)
          .certificates(c -> c.certificateArn(cli("acm", "request-certificate", "--domain-name", "listener.example.com",
              "--validation-method", "DNS").get("CertificateArn").asString()))
          .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(first("elbv2:targetgroup/HTTP"))))
          .listeners().getFirst().listenerArn()
          : elb().createListener(r -> r.loadBalancerArn(first("elbv2:loadbalancer/app"))
          .protocol(ProtocolEnum.HTTP).port(80 + n).defaultActions(a -> a.type(ActionTypeEnum.FORWARD)
              .targetGroupArn(first("elbv2:targetgroup/HTTP")))).listeners().getFirst().listenerArn();
      case "elbv2:listener-rule" -> elb().createRule(r -> r.listenerArn(first("elbv2:listener/app")).priority(10 + n)
          .conditions(c -> c.field("path-pattern").values("/fixture-" + n + "/*"))
          .actions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(first("elbv2:targetgroup/HTTP")))).rules().getFirst().ruleArn();
      case "ga:accelerator" -> ga().createAccelerator(r -> r.name("fixture-" + n).idempotencyToken("fixture-" + n))
          .accelerator().acceleratorArn();
      case "ga:listener" -> ga().createListener(r -> r.acceleratorArn(first("ga:accelerator"))
          .protocol(software.amazon.awssdk.services.globalaccelerator.model.Protocol.TCP)
          .portRanges(p -> p.fromPort(80 + n).toPort(80 + n)).idempotencyToken("fixture-listener-" + n)).listener().listenerArn();
      case "ga:endpoint-group" -> ga().createEndpointGroup(r -> r.listenerArn(first("ga:listener"))
          .endpointGroupRegion(n == 0 ? "us-east-1" : "eu-west-1").idempotencyToken("fixture-group-" + n))
          .endpointGroup().endpointGroupArn();
      case "ga:custom-accelerator" -> ga().createCustomRoutingAccelerator(r -> r.name("fixture-custom-" + n)
          .idempotencyToken("fixture-custom-" + n)).accelerator().acceleratorArn();
      case "ga:custom-listener" -> ga().createCustomRoutingListener(r -> r.acceleratorArn(first("ga:custom-accelerator"))
          .portRanges(p -> p.fromPort(5000 + 1000 * n).toPort(5999 + 1000 * n)).idempotencyToken("fixture-custom-listener-" + n))
          .listener().listenerArn();
      case "ga:custom-endpoint-group" -> ga().createCustomRoutingEndpointGroup(r -> r.listenerArn(first("ga:custom-listener"))
          .endpointGroupRegion(n == 0 ? region : "eu-west-1").destinationConfigurations(d -> d.fromPort(80).toPort(81)
              .protocols(software.amazon.awssdk.services.globalaccelerator.model.CustomRoutingProtocol.TCP,
                  software.amazon.awssdk.services.globalaccelerator.model.CustomRoutingProtocol.UDP))
          .idempotencyToken("fixture-custom-group-" + n)).endpointGroup().endpointGroupArn();
      // API Gateway's custom domain names need a certificate that covers them: the names its examples use
      case "acm:certificate" -> service.startsWith("apigateway")
          ? cli("acm", "request-certificate", "--domain-name", "api.domain.tld", "--subject-alternative-names", "my.domain.tld",
              "subdomain.domain.tld", "api.example.com", "regional.example.com", "--validation-method", "DNS",
              "--idempotency-token", "fixture" + n).get("CertificateArn").asString()
          : cli("acm", "request-certificate", "--domain-name", "www.example.com", "--validation-method",
              "DNS", "--idempotency-token", "fixture" + n).get("CertificateArn").asString();
      case "apigw:restapi" -> cli("apigateway", "create-rest-api", "--name", "fixture-" + n).get("id").asString();
      case "apigw:root" -> cli("apigateway", "get-resources", "--rest-api-id", first("apigw:restapi")).get("items")
          .valueStream().filter(r -> r.get("path").asString().equals("/")).findFirst().orElseThrow().get("id").asString();
      case "apigw:resource" -> cli("apigateway", "create-resource", "--rest-api-id", first("apigw:restapi"), "--parent-id",
          first("apigw:root"), "--path-part", "fixture" + n).get("id").asString();
      case "apigw:usageplan" -> cli("apigateway", "create-usage-plan", "--name", "fixture-" + n).get("id").asString();
      case "apigw:apikey" -> cli("apigateway", "create-api-key", "--name", "fixture-" + n, "--enabled").get("id").asString();
      case "apigw:deployment" -> {
        // a deployment needs a method: GET / answered by a mock integration
        String api = first("apigw:restapi"), root = first("apigw:root");
        if (n == 0) mockMethod(api, root, "GET");
        yield cli("apigateway", "create-deployment", "--rest-api-id", api).get("id").asString();
      }
      case "apigw:authorizer" -> cli("apigateway", "create-authorizer", "--rest-api-id", first("apigw:restapi"), "--name",
          "fixture-" + n, "--type", "TOKEN", "--identity-source", "method.request.header.Authorization", "--authorizer-uri",
          "arn:aws:apigateway:" + region + ":lambda:path/2015-03-31/functions/" + function("my-function")
              + "/invocations").get("id").asString();
      // an HTTP API: the examples of WebSocket APIs' parts (MOCK integrations) are rows of the table
      case "apigwv2:api" -> cli("apigatewayv2", "create-api", "--name", "fixture-" + n, "--protocol-type", "HTTP")
          .get("ApiId").asString();
      case "apigwv2:route" -> cli("apigatewayv2", "create-route", "--api-id", first("apigwv2:api"), "--route-key",
          "GET /fixture" + n).get("RouteId").asString();
      case "apigwv2:integration" -> cli("apigatewayv2", "create-integration", "--api-id", first("apigwv2:api"),
          "--integration-type", "HTTP_PROXY", "--integration-method", "GET", "--integration-uri", "https://example.com/" + n,
          "--payload-format-version", "1.0").get("IntegrationId").asString();
      case "apigwv2:authorizer" -> cli("apigatewayv2", "create-authorizer", "--api-id", first("apigwv2:api"), "--name",
          "fixture-" + n, "--authorizer-type", "JWT", "--identity-source", "$request.header.Authorization",
          "--jwt-configuration", "Audience=fixture,Issuer=https://example.com").get("AuthorizerId").asString();
      case "apigwv2:apimapping" -> {
        String api = first("apigwv2:api");
        domainName(domainName);
        if (n == 0) cli("apigatewayv2", "create-stage", "--api-id", api, "--stage-name", "fixture");
        yield cli("apigatewayv2", "create-api-mapping", "--domain-name", domainName, "--api-id", api, "--stage", "fixture",
            "--api-mapping-key", "fixture" + n).get("ApiMappingId").asString();
      }
      case "apigwv2:vpclink" -> cli("apigatewayv2", "create-vpc-link", "--name", "fixture-" + n, "--subnet-ids",
          first("ec2:subnet")).get("VpcLinkId").asString();
      case "apigwv2:deployment" -> {
        if (n == 0) first("apigwv2:route");
        yield cli("apigatewayv2", "create-deployment", "--api-id", first("apigwv2:api")).get("DeploymentId").asString();
      }
      case "cloudfront:distribution" -> cli("cloudfront", "create-distribution", "--origin-domain-name",
          "fixture-" + n + ".s3.amazonaws.com").get("Distribution").get("Id").asString();
      case "cloudfront:arn" -> cli("cloudfront", "get-distribution", "--id", first("cloudfront:distribution"))
          .get("Distribution").get("ARN").asString();
      case "cloudfront:oai" -> cli("cloudfront", "create-cloud-front-origin-access-identity",
          "--cloud-front-origin-access-identity-config", "CallerReference=" + (n == 0 ? "cli-example" : "fixture-" + n)
              + ",Comment=fixture")
          .get("CloudFrontOriginAccessIdentity").get("Id").asString();
      case "cloudfront:invalidation" -> cli("cloudfront", "create-invalidation", "--distribution-id",
          first("cloudfront:distribution"), "--paths", "/fixture" + n).get("Invalidation").get("Id").asString();
      default -> {
        if (kind.startsWith("wafv2:")) {
          String[] p = kind.substring("wafv2:".length()).split("/", 2);
          JsonNode summary = waf(p[0].replace("-id", ""), p[1]);
          yield summary.get(p[0].endsWith("-id") ? "Id" : "ARN").asString();
        }
        throw new IllegalArgumentException("no fixture for " + kind);
      }
    };
  }

  /** The custom domain name the example names (once), with a certificate that covers it. */
  private void domainName(String name) {
    if (name == null || !domainNames.add(name)) return;
    if (service.equals("apigateway")) {
      // an edge-optimized name, as the REST API examples show (a CloudFront domain name and the certificate's name)
      cli("apigateway", "create-domain-name", "--domain-name", name, "--certificate-arn", first("acm:certificate"),
          "--certificate-name", "fixture-certificate");
    } else {
      cli("apigatewayv2", "create-domain-name", "--domain-name", name, "--domain-name-configurations",
          "CertificateArn=" + first("acm:certificate"));
    }
  }

  /** A REST API method answered by a mock integration with a 200 response. */
  private void mockMethod(String api, String resource, String method) {
    cli("apigateway", "put-method", "--rest-api-id", api, "--resource-id", resource, "--http-method", method,
        "--authorization-type", "NONE");
    cli("apigateway", "put-integration", "--rest-api-id", api, "--resource-id", resource, "--http-method", method,
        "--type", "MOCK", "--request-templates", "{\"application/json\": \"{\\\"statusCode\\\": 200}\"}");
  }

  /** A WAF resource of {@code kind} (ip-set, regex-pattern-set, rule-group, web-acl) named {@code name}: its summary. */
  private JsonNode waf(String kind, String name) {
    return wafs.computeIfAbsent(kind + "/" + name, k -> {
      List<String> a = new ArrayList<>(List.of("wafv2", "create-" + kind, "--name", name, "--scope", "REGIONAL"));
      String visibility = "SampledRequestsEnabled=true,CloudWatchMetricsEnabled=true,MetricName=" + name;
      a.addAll(switch (kind) {
        case "ip-set" -> List.of("--ip-address-version", "IPV4", "--addresses", "192.0.2.0/24");
        case "regex-pattern-set" -> List.of("--regular-expression-list", "RegexString=^fixture");
        case "rule-group" -> List.of("--capacity", "100", "--visibility-config", visibility);
        default -> List.of("--default-action", "Allow={}", "--visibility-config", visibility);
      });
      if (kind.equals("web-acl") && command.equals("get-rate-based-statement-managed-keys")) {
        // the rate-based rule the example names
        a.addAll(List.of("--rules", ("[{\"Name\": \"%1$s\", \"Priority\": 0, \"Action\": {\"Block\": {}}, \"Statement\":"
            + " {\"RateBasedStatement\": {\"Limit\": 1000, \"AggregateKeyType\": \"IP\"}}, \"VisibilityConfig\":"
            + " {\"SampledRequestsEnabled\": true, \"CloudWatchMetricsEnabled\": true, \"MetricName\": \"%1$s\"}}]")
            .formatted(ruleName)));
      }
      return cli(a.toArray(String[]::new)).get("Summary");
    });
  }

  /** The ARN of a Lambda function of this account, made on first use (Python, answering 200). */
  private String function(String name) {
    return functions.computeIfAbsent(name, k -> cli("lambda", "create-function", "--function-name", name, "--runtime",
        "python3.12", "--handler", "index.handler", "--role", "arn:aws:iam::" + account + ":role/fixture", "--zip-file",
        "fileb://" + FunctionZip.PATH).get("FunctionArn").asString());
  }

  /** A Lambda deployment package made once per run: index.handler answers 200. */
  private static final class FunctionZip {
    static final String PATH = write();

    private static String write() {
      try {
        java.nio.file.Path zip = java.nio.file.Files.createTempFile("fidelity-function-", ".zip");
        zip.toFile().deleteOnExit();
        try (var out = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(zip))) {
          out.putNextEntry(new java.util.zip.ZipEntry("index.py"));
          out.write("def handler(event, context):\n    return {'statusCode': 200, 'body': 'fixture'}\n".getBytes());
          out.closeEntry();
        }
        return zip.toString();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** Runs the AWS CLI against Stratus as this account, in this region: its JSON output; a failure throws. */
  private JsonNode cli(String... args) {
    List<String> a = new ArrayList<>(List.of(args));
    a.addAll(List.of("--endpoint-url", endpoint.toString(), "--region", region, "--output", "json"));
    try {
      AwsExamples.Result r = aws.run(a, account);
      if (r.exit() != 0) throw new IllegalStateException(args[0] + " " + args[1] + ": " + r.err().strip());
      return r.out().isBlank() ? AwsExamples.JSON.createObjectNode() : AwsExamples.JSON.readTree(r.out());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** {@code create}'s result, an internet gateway attached to the first VPC first: an internet-facing load balancer needs one. */
  private String internetFacing(java.util.function.Supplier<String> create) {
    String vpc = first("ec2:vpc");
    if (ec2().describeInternetGateways(r -> r.filters(f -> f.name("attachment.vpc-id").values(vpc))).internetGateways().isEmpty()) {
      String igw = ec2().createInternetGateway(r -> { }).internetGateway().internetGatewayId();
      ec2().attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc));
    }
    return create.get();
  }

  /** Makes the state the command needs that the fixture does not make by default (an entry it deletes …). */
  void prepare(List<String> args) {
    switch (service) {
      case "lambda" -> prepareLambda(args);
      case "s3api" -> prepareS3(args);
      case "wafv2" -> {
        // updates and deletes carry the resource's current lock token
        String id = arg(args, "--id"), kind = command.replaceFirst("^(update|delete)-", "");
        if (id != null && args.contains("--lock-token")) {
          args.set(args.indexOf("--lock-token") + 1, cli("wafv2", "get-" + kind, "--name", arg(args, "--name"), "--scope",
              "REGIONAL", "--id", id).get("LockToken").asString());
        }
        if (command.equals("get-logging-configuration") || command.equals("delete-logging-configuration")) {
          cli("wafv2", "put-logging-configuration", "--logging-configuration", "ResourceArn=" + arg(args, "--resource-arn")
              + ",LogDestinationConfigs=arn:aws:firehose:" + region + ":" + account + ":deliverystream/aws-waf-logs-fixture");
        }
        if (command.equals("get-web-acl-for-resource")) {
          cli("wafv2", "associate-web-acl", "--web-acl-arn", waf("web-acl", "fixture").get("ARN").asString(),
              "--resource-arn", arg(args, "--resource-arn"));
        }
      }
      case "cloudfront" -> {
        switch (command) {
          case "list-distributions" -> first("cloudfront:distribution");
          case "list-cloud-front-origin-access-identities" -> first("cloudfront:oai");
          case "list-invalidations" -> first("cloudfront:invalidation");
          case "delete-distribution" -> {
            // only a disabled distribution can be deleted
            String id = arg(args, "--id");
            JsonNode got = cli("cloudfront", "get-distribution-config", "--id", id);
            var config = (tools.jackson.databind.node.ObjectNode) got.get("DistributionConfig");
            config.put("Enabled", false);
            cli("cloudfront", "update-distribution", "--id", id, "--if-match", got.get("ETag").asString(),
                "--distribution-config", config.toString());
          }
          default -> { }
        }
        // a change carries the resource's current ETag
        String id = arg(args, "--id");
        if (id != null && args.contains("--if-match")) {
          String get = command.contains("origin-access-identity") ? "get-cloud-front-origin-access-identity"
              : "get-distribution";
          args.set(args.indexOf("--if-match") + 1, cli("cloudfront", get, "--id", id).get("ETag").asString());
        }
      }
      case "apigateway" -> {
        String api = arg(args, "--rest-api-id"), resource = arg(args, "--resource-id"), method = arg(args, "--http-method");
        String status = arg(args, "--status-code");
        if (api != null && resource != null && method != null && !command.equals("put-method")) {
          mockMethod(api, resource, method);
          if (status != null && !command.equals("put-method-response")) {
            cli("apigateway", "put-method-response", "--rest-api-id", api, "--resource-id", resource, "--http-method", method,
                "--status-code", status);
          }
          if (status != null && !command.equals("put-integration-response") && !command.equals("put-method-response")) {
            cli("apigateway", "put-integration-response", "--rest-api-id", api, "--resource-id", resource, "--http-method",
                method, "--status-code", status);
          }
        }
        if (api != null && (command.equals("create-deployment") || command.equals("get-resources"))) {
          mockMethod(api, first("apigw:root"), "POST");
        }
        String model = arg(args, "--model-name");
        if (api != null && model != null && !command.equals("create-model") && !List.of("Empty", "Error").contains(model)) {
          cli("apigateway", "create-model", "--rest-api-id", api, "--name", model, "--content-type", "application/json",
              "--schema", "{\"type\": \"object\"}");
        }
        String stage = arg(args, "--stage-name");
        if (api != null && stage != null && !command.equals("create-stage") && !command.equals("create-deployment")) {
          cli("apigateway", "create-stage", "--rest-api-id", api, "--stage-name", stage, "--deployment-id",
              first("apigw:deployment"));
        }
        if (domainName != null && !command.equals("create-domain-name")) domainName(domainName);
        if (command.endsWith("base-path-mapping") || command.equals("get-base-path-mappings")) {
          String restApi = api != null ? api : first("apigw:restapi");
          if (command.startsWith("create")) {
            cli("apigateway", "create-stage", "--rest-api-id", restApi, "--stage-name", arg(args, "--stage"), "--deployment-id",
                first("apigw:deployment"));
          } else {
            // the examples' mappings name a stage
            cli("apigateway", "create-stage", "--rest-api-id", restApi, "--stage-name", "fixture", "--deployment-id",
                first("apigw:deployment"));
            cli("apigateway", "create-base-path-mapping", "--domain-name", domainName, "--rest-api-id", restApi,
                "--stage", "fixture", "--base-path", arg(args, "--base-path") == null ? "v1" : arg(args, "--base-path"));
          }
        }
        // get-export writes the document to the file the example names
        int out = args.indexOf("/path/to/filename.json");
        if (out >= 0) {
          try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("aws-example-export", ".json");
            file.toFile().deleteOnExit();
            args.set(out, file.toString());
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
        String plan = arg(args, "--usage-plan-id"), key = arg(args, "--key-id");
        if (plan != null && key != null && !command.equals("create-usage-plan-key")) {
          cli("apigateway", "create-usage-plan-key", "--usage-plan-id", plan, "--key-id", key, "--key-type", "API_KEY");
        }
      }
      case "apigatewayv2" -> {
        String api = arg(args, "--api-id"), stage = arg(args, "--stage-name");
        if (api != null && stage != null && !command.equals("create-stage")) {
          cli("apigatewayv2", "create-stage", "--api-id", api, "--stage-name", stage);
        }
        if (domainName != null && !command.equals("create-domain-name")) domainName(domainName);
        // a mapping names a stage of the API
        if (api != null && arg(args, "--stage") != null && command.endsWith("-api-mapping")) {
          cli("apigatewayv2", "create-stage", "--api-id", api, "--stage-name", arg(args, "--stage"));
        }
      }
      default -> { }
    }
    // the commands below are EC2's, Elastic Load Balancing's and Global Accelerator's (delete-route is API Gateway's too)
    if (!List.of("ec2", "elbv2", "globalaccelerator").contains(service)) return;
    switch (command) {
      case "delete-network-acl-entry" -> ec2().createNetworkAclEntry(r -> r.networkAclId(arg(args, "--network-acl-id"))
          .ruleNumber(Integer.parseInt(arg(args, "--rule-number"))).egress(args.contains("--egress")).protocol("-1")
          .cidrBlock("0.0.0.0/0").ruleAction(RuleAction.ALLOW));
      case "replace-network-acl-entry" -> ec2().createNetworkAclEntry(r -> r.networkAclId(arg(args, "--network-acl-id"))
          .ruleNumber(Integer.parseInt(arg(args, "--rule-number"))).egress(args.contains("--egress")).protocol("-1")
          .cidrBlock("0.0.0.0/0").ruleAction(RuleAction.DENY));
      case "delete-vpn-connection-route" -> ec2().createVpnConnectionRoute(r -> r.vpnConnectionId(arg(args, "--vpn-connection-id"))
          .destinationCidrBlock(arg(args, "--destination-cidr-block")));
      case "create-vpc-endpoint" -> {
        // private DNS (the default for interface endpoints) needs DNS hostnames, off in a new VPC
        ec2().modifyVpcAttribute(r -> r.vpcId(first("ec2:vpc")).enableDnsHostnames(b -> b.value(true)));
      }
      case "revoke-security-group-ingress", "revoke-security-group-egress" -> {
        String group = arg(args, "--group-name");
        if (group != null) ec2().createSecurityGroup(r -> r.groupName(group).description("named by the example"));
      }
      case "delete-route" -> ec2().createRoute(r -> r.routeTableId(arg(args, "--route-table-id"))
          .destinationCidrBlock(arg(args, "--destination-cidr-block")).gatewayId(first("ec2:igw")));
      case "delete-transit-gateway-route", "replace-transit-gateway-route" -> ec2().createTransitGatewayRoute(r -> r
          .transitGatewayRouteTableId(arg(args, "--transit-gateway-route-table-id"))
          .destinationCidrBlock(arg(args, "--destination-cidr-block")).transitGatewayAttachmentId(first("ec2:tgw-attach")));
      case "disable-transit-gateway-route-table-propagation" -> ec2().enableTransitGatewayRouteTablePropagation(r -> r
          .transitGatewayRouteTableId(arg(args, "--transit-gateway-route-table-id"))
          .transitGatewayAttachmentId(arg(args, "--transit-gateway-attachment-id")));
      case "associate-transit-gateway-route-table", "disassociate-transit-gateway-route-table" -> {
        // a VPC attachment starts associated with the default route table: move it to the one named
        String attachment = arg(args, "--transit-gateway-attachment-id");
        var tgw = ec2().describeTransitGateways(r -> r.transitGatewayIds(first("ec2:tgw"))).transitGateways().getFirst();
        ec2().disassociateTransitGatewayRouteTable(r -> r.transitGatewayAttachmentId(attachment)
            .transitGatewayRouteTableId(tgw.options().associationDefaultRouteTableId()));
        if (command.startsWith("dis")) {
          ec2().associateTransitGatewayRouteTable(r -> r.transitGatewayAttachmentId(attachment)
              .transitGatewayRouteTableId(arg(args, "--transit-gateway-route-table-id")));
        }
      }
      case "set-ip-address-type" -> ec2().associateVpcCidrBlock(r -> r.vpcId(first("ec2:vpc")).amazonProvidedIpv6CidrBlock(true));
      case "allow-custom-routing-traffic", "deny-custom-routing-traffic" -> ga().addCustomRoutingEndpoints(r -> r
          .endpointGroupArn(arg(args, "--endpoint-group-arn")).endpointConfigurations(c -> c.endpointId(arg(args, "--endpoint-id"))));
      // the example's subnet lets traffic through (a new endpoint denies it)
      case "list-custom-routing-port-mappings-by-destination" -> {
        String group = first("ga:custom-endpoint-group"), subnet = arg(args, "--endpoint-id");
        ga().addCustomRoutingEndpoints(r -> r.endpointGroupArn(group).endpointConfigurations(c -> c.endpointId(subnet)));
        ga().allowCustomRoutingTraffic(r -> r.endpointGroupArn(group).endpointId(subnet).allowAllTrafficToEndpoint(true));
      }
      case "delete-security-group" -> {
        String group = arg(args, "--group-name");
        if (group != null) ec2().createSecurityGroup(r -> r.groupName(group).description("named by the example"));
      }
      default -> { }
    }
  }

  /** The function the example names (with the versions and aliases its qualifiers name), and the state its command needs. */
  private void prepareLambda(List<String> args) {
    String named = arg(args, "--function-name");
    if (named == null) named = arg(args, "--resource");
    if (named == null || command.equals("create-function")) return;
    String[] parts = (named.contains(":function:") ? named.substring(named.indexOf(":function:") + 10) : named).split(":");
    String name = parts[0];
    function(name);
    int versions = 0;
    List<String> aliases = new ArrayList<>();
    for (String q : new String[] {parts.length > 1 ? parts[1] : null, arg(args, "--function-version"), arg(args, "--qualifier")}) {
      if (q == null || q.equals("$LATEST")) continue;
      if (q.matches("\\d+")) versions = Math.max(versions, Integer.parseInt(q));
      else aliases.add(q);
    }
    if (arg(args, "--name") != null && command.endsWith("-alias") && !command.equals("create-alias")) aliases.add(arg(args, "--name"));
    if (!aliases.isEmpty()) versions = Math.max(versions, 1);
    for (int v = 1; v <= versions; v++) {
      // a version is published only when the code or configuration changed since the last one
      cli("lambda", "update-function-configuration", "--function-name", name, "--description", "version " + v);
      cli("lambda", "wait", "function-updated", "--function-name", name);
      cli("lambda", "publish-version", "--function-name", name);
    }
    for (String alias : aliases) cli("lambda", "create-alias", "--function-name", name, "--name", alias, "--function-version", "1");
    switch (command) {
      case "remove-permission", "get-policy" -> cli("lambda", "add-permission", "--function-name", name, "--action",
          "lambda:InvokeFunction", "--statement-id", command.equals("get-policy") ? "default" : arg(args, "--statement-id"),
          "--principal", "s3.amazonaws.com");
      default -> { }
    }
  }

  /** The bucket the example names (unless it creates it), and the object and upload it names. */
  private void prepareS3(List<String> args) {
    String bucket = arg(args, "--bucket"), key = arg(args, "--key");
    if (bucket == null || command.equals("create-bucket")) return;
    cli("s3api", "create-bucket", "--bucket", bucket);
    if (key != null && !command.equals("put-object") && !command.equals("create-multipart-upload")) {
      cli("s3api", "put-object", "--bucket", bucket, "--key", key, "--body", FunctionZip.PATH);
    }
    String source = arg(args, "--copy-source");
    if (source != null) {
      String from = source.substring(0, source.indexOf('/')) + "-" + account;
      cli("s3api", "create-bucket", "--bucket", from);
      cli("s3api", "put-object", "--bucket", from, "--key", source.substring(source.indexOf('/') + 1), "--body", FunctionZip.PATH);
      args.set(args.indexOf("--copy-source") + 1, from + source.substring(source.indexOf('/')));
    }
    switch (command) {
      case "list-objects", "list-objects-v2" -> cli("s3api", "put-object", "--bucket", bucket, "--key", "fixture.txt", "--body",
          FunctionZip.PATH);
      case "list-multipart-uploads" -> cli("s3api", "create-multipart-upload", "--bucket", bucket, "--key", "fixture.bin");
      case "get-bucket-tagging" -> cli("s3api", "put-bucket-tagging", "--bucket", bucket, "--tagging",
          "TagSet=[{Key=fixture,Value=1}]");
      case "get-bucket-cors" -> cli("s3api", "put-bucket-cors", "--bucket", bucket, "--cors-configuration",
          "{\"CORSRules\": [{\"AllowedMethods\": [\"GET\"], \"AllowedOrigins\": [\"*\"]}]}");
      case "get-bucket-website" -> cli("s3api", "put-bucket-website", "--bucket", bucket, "--website-configuration",
          "{\"IndexDocument\": {\"Suffix\": \"index.html\"}}");
      case "get-bucket-policy" -> cli("s3api", "put-bucket-policy", "--bucket", bucket, "--policy", ("{\"Version\": \"2012-10-17\","
          + " \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\", \"Resource\":"
          + " \"arn:aws:s3:::%s/*\"}]}").formatted(bucket));
      default -> { }
    }
    if (args.contains("--upload-id")) {
      String uploadId = cli("s3api", "create-multipart-upload", "--bucket", bucket, "--key", key).get("UploadId").asString();
      args.set(args.indexOf("--upload-id") + 1, uploadId);
      // the example lists an upload's parts
      if (command.equals("list-parts")) {
        cli("s3api", "upload-part", "--bucket", bucket, "--key", key, "--upload-id", uploadId, "--part-number", "1",
            "--body", FunctionZip.PATH);
      }
    }
  }

  /**
   * The commands to run before the example's own (with the same arguments): the rules a revoke or
   * an update of descriptions names, the targets a deregistration or a health query names, must exist first.
   */
  List<List<String>> before(List<String> args) {
    String authorize = switch (command) {
      case "revoke-security-group-ingress", "update-security-group-rule-descriptions-ingress" -> "authorize-security-group-ingress";
      case "revoke-security-group-egress", "update-security-group-rule-descriptions-egress" -> "authorize-security-group-egress";
      case "deregister-targets" -> "register-targets";
      case "describe-target-health" -> args.contains("--targets") ? "register-targets" : null;
      default -> null;
    };
    if (authorize == null) return List.of();
    List<String> pre = new ArrayList<>(args);
    pre.set(1, authorize);
    return List.of(pre);
  }

  /** The value after {@code name} in {@code args}, or null. */
  private static String arg(List<String> args, String name) {
    int i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : null;
  }

  @Override
  public void close() {
    if (ec2Client != null) ec2Client.close();
    if (route53Client != null) route53Client.close();
    if (elbClient != null) elbClient.close();
    if (gaClient != null) gaClient.close();
  }
}
