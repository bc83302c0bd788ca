package dev.stratus.elbv2;

import dev.stratus.core.RequestContext;
import dev.stratus.core.net.Cidr;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Store;
import dev.stratus.elbv2.model.Action;
import dev.stratus.elbv2.model.Condition;
import dev.stratus.elbv2.model.Listener;
import dev.stratus.elbv2.model.LoadBalancer;
import dev.stratus.elbv2.model.ResourceTags;
import dev.stratus.elbv2.model.Rule;
import dev.stratus.elbv2.model.TargetGroup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/** Listeners, rules, listener certificates and SSL policies, with AWS's limits on conditions and actions (elbv2.md §A). */
public final class ListenerOperations {
  static final int MAX_LISTENERS = 50;
  static final int MAX_RULES = 100;
  static final int MAX_CERTIFICATES = 25;
  /** Target groups per Application Load Balancer, across all its listeners and rules (not adjustable). */
  static final int MAX_TARGET_GROUPS_PER_ALB = 100;
  static final String DEFAULT_SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
  private static final Set<String> ALB_PROTOCOLS = Set.of("HTTP", "HTTPS");
  private static final Set<String> NLB_PROTOCOLS = Set.of("TCP", "TLS", "UDP", "TCP_UDP");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.*?-]+");
  private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_\\-.$/~\"'@:+&*?]+");
  private static final Set<String> CONTENT_TYPES = Set.of("text/plain", "text/css", "text/html", "application/javascript",
      "application/json");

  private final Store store;

  private final java.util.function.Supplier<java.util.Optional<dev.stratus.core.acm.Certificates>> acm;

  /** Without ACM: certificate ARNs are taken as given. */
  public ListenerOperations(Store store) { this(store, java.util.Optional::empty); }

  /** @param acm ACM's certificates, when ACM runs: a listener may only name one that exists and is issued */
  public ListenerOperations(Store store, java.util.function.Supplier<java.util.Optional<dev.stratus.core.acm.Certificates>> acm) {
    this.store = store;
    this.acm = acm;
  }

  /** AWS's refusals of a listener's certificates: none on HTTPS/TLS, any on HTTP/TCP, one ACM does not know or has not issued. */
  private void checkCertificates(String protocol, List<String> certs, boolean given) {
    boolean secure = protocol.equals("HTTPS") || protocol.equals("TLS");
    if (secure && certs.isEmpty()) {
      throw Elbv2Errors.validation("A certificate must be specified for " + protocol + " listeners");
    }
    if (!secure && given) {
      throw Elbv2Errors.validation("A certificate cannot be specified for " + protocol + " listeners");
    }
    checkKnown(certs);
  }

  private void checkKnown(List<String> certs) {
    var certificates = acm.get();
    if (certificates.isEmpty()) return;
    for (String arn : certs) {
      if (certificates.get().find(arn).filter(dev.stratus.core.acm.ServingCertificate::issued).isEmpty()) {
        throw Elbv2Errors.error("CertificateNotFound", "Certificate '" + arn + "' not found");
      }
    }
  }

  public CreateListenerResponse createListener(RequestContext ctx, CreateListenerRequest req) {
    String scope = ctx.regionalScope();
    var listener = store.write(tx -> {
      var lb = Elbv2Reads.loadBalancer(tx, scope, req.loadBalancerArn());
      String protocol = protocolFor(lb, req.protocolAsString());
      int port = portFor(lb, req.port());
      var existing = Elbv2Reads.listenersOf(tx, scope, lb.arn());
      if (existing.stream().anyMatch(l -> l.port() == port)) {
        throw Elbv2Errors.error("DuplicateListener", "A listener already exists on this port for this load balancer '" + lb.arn() + "'");
      }
      if (existing.size() >= MAX_LISTENERS) {
        throw Elbv2Errors.error("TooManyListeners", "You've reached the limit on the number of listeners per load balancer");
      }
      String policy = sslPolicy(protocol, req.sslPolicy(), null);
      List<String> certs = req.certificates().stream().map(Certificate::certificateArn).toList();
      checkCertificates(protocol, certs, !certs.isEmpty());
      var actions = actions(tx, scope, lb, protocol, req.defaultActions(), true);
      String arn = lb.arn().replace(":loadbalancer/", ":listener/") + "/" + Elbv2Names.newId();
      var mtls = TrustStoreOperations.mutualAuthentication(tx, scope, protocol, req.mutualAuthentication(), null);
      var l = new Listener(arn, lb.arn(), protocol, port, policy, certs, actions, req.alpnPolicy(), mtls);
      tx.put(Listener.TABLE, scope, arn, l);
      if (!req.tags().isEmpty()) Elbv2Tags.put(tx, scope, arn, req.tags());
      return l;
    });
    return CreateListenerResponse.builder().listeners(toSdk(listener)).build();
  }

  public ModifyListenerResponse modifyListener(RequestContext ctx, ModifyListenerRequest req) {
    String scope = ctx.regionalScope();
    var listener = store.write(tx -> {
      var l = Elbv2Reads.listener(tx, scope, req.listenerArn());
      var lb = Elbv2Reads.loadBalancer(tx, scope, l.loadBalancerArn());
      String protocol = req.protocolAsString() != null ? protocolFor(lb, req.protocolAsString()) : l.protocol();
      int port = req.port() != null ? portFor(lb, req.port()) : l.port();
      if (port != l.port() && Elbv2Reads.listenersOf(tx, scope, lb.arn()).stream().anyMatch(o -> o.port() == port)) {
        throw Elbv2Errors.error("DuplicateListener", "A listener already exists on this port for this load balancer '" + lb.arn() + "'");
      }
      List<String> certs = req.certificates().isEmpty() ? l.certificateArns()
          : req.certificates().stream().map(Certificate::certificateArn).toList();
      boolean secure = protocol.equals("HTTPS") || protocol.equals("TLS");
      if (!secure && req.certificates().isEmpty()) certs = List.of(); // a listener turned HTTP drops its certificates
      checkCertificates(protocol, certs, !req.certificates().isEmpty());
      List<String> finalCerts = certs;
      var actions = req.defaultActions().isEmpty() ? l.defaultActions()
          : actions(tx, scope, lb, protocol, req.defaultActions(), true);
      String policy = sslPolicy(protocol, req.sslPolicy(), l.sslPolicy());
      var mtls = TrustStoreOperations.mutualAuthentication(tx, scope, protocol, req.mutualAuthentication(), l.mutualAuthentication());
      var l2 = new Listener(l.arn(), lb.arn(), protocol, port, policy, finalCerts, actions,
          req.alpnPolicy().isEmpty() ? l.alpnPolicy() : req.alpnPolicy(), mtls);
      tx.put(Listener.TABLE, scope, l.arn(), l2);
      return l2;
    });
    return ModifyListenerResponse.builder().listeners(toSdk(listener)).build();
  }

  public DeleteListenerResponse deleteListener(RequestContext ctx, DeleteListenerRequest req) {
    String scope = ctx.regionalScope();
    store.write(tx -> {
      var l = Elbv2Reads.listener(tx, scope, req.listenerArn());
      for (Rule r : Elbv2Reads.rulesOf(tx, scope, l.arn())) {
        tx.delete(Rule.TABLE, scope, r.arn());
        tx.delete(ResourceTags.TABLE, scope, r.arn());
      }
      tx.delete(Listener.TABLE, scope, l.arn());
      tx.delete(ResourceTags.TABLE, scope, l.arn());
      return null;
    });
    return DeleteListenerResponse.builder().build();
  }

  public DescribeListenersResponse describeListeners(RequestContext ctx, DescribeListenersRequest req) {
    String scope = ctx.regionalScope();
    if (req.loadBalancerArn() == null && req.listenerArns().isEmpty()) {
      throw Elbv2Errors.validation("You must specify either listener ARNs or a load balancer ARN");
    }
    List<Listener> out;
    if (req.loadBalancerArn() != null) {
      Elbv2Reads.loadBalancer(store, scope, req.loadBalancerArn());
      out = Elbv2Reads.listenersOf(store, scope, req.loadBalancerArn());
    } else {
      out = req.listenerArns().stream().map(a -> Elbv2Reads.listener(store, scope, a)).toList();
    }
    return DescribeListenersResponse.builder().listeners(out.stream().map(ListenerOperations::toSdk).toList()).build();
  }

  public CreateRuleResponse createRule(RequestContext ctx, CreateRuleRequest req) {
    String scope = ctx.regionalScope();
    var rule = store.write(tx -> {
      var l = Elbv2Reads.listener(tx, scope, req.listenerArn());
      var lb = Elbv2Reads.loadBalancer(tx, scope, l.loadBalancerArn());
      if (!lb.isApplication()) throw Elbv2Errors.validation("Rules are only supported for Application Load Balancers");
      int priority = priority(req.priority());
      var rules = Elbv2Reads.rulesOf(tx, scope, l.arn());
      if (rules.stream().anyMatch(r -> r.priority() == priority)) {
        throw Elbv2Errors.error("PriorityInUse", "Priority '" + priority + "' is currently in use");
      }
      long onLb = Elbv2Reads.listenersOf(tx, scope, lb.arn()).stream().mapToLong(o -> Elbv2Reads.rulesOf(tx, scope, o.arn()).size()).sum();
      if (onLb >= MAX_RULES) throw Elbv2Errors.error("TooManyRules", "You've reached the limit on the number of rules per load balancer");
      var conditions = conditions(req.conditions());
      var actions = actions(tx, scope, lb, l.protocol(), req.actions(), false);
      String arn = l.arn().replace(":listener/", ":listener-rule/") + "/" + Elbv2Names.newId();
      var r = new Rule(arn, l.arn(), priority, conditions, actions);
      tx.put(Rule.TABLE, scope, arn, r);
      if (!req.tags().isEmpty()) Elbv2Tags.put(tx, scope, arn, req.tags());
      return r;
    });
    return CreateRuleResponse.builder().rules(toSdk(rule)).build();
  }

  public ModifyRuleResponse modifyRule(RequestContext ctx, ModifyRuleRequest req) {
    String scope = ctx.regionalScope();
    if (isDefaultRuleArn(scope, req.ruleArn())) {
      throw Elbv2Errors.error("OperationNotPermitted", "Default rule '" + req.ruleArn() + "' cannot be modified; modify the listener");
    }
    var rule = store.write(tx -> {
      var r = Elbv2Reads.rule(tx, scope, req.ruleArn());
      var l = Elbv2Reads.listener(tx, scope, r.listenerArn());
      var lb = Elbv2Reads.loadBalancer(tx, scope, l.loadBalancerArn());
      var conditions = req.conditions().isEmpty() ? r.conditions() : conditions(req.conditions());
      var actions = req.actions().isEmpty() ? r.actions() : actions(tx, scope, lb, l.protocol(), req.actions(), false);
      var r2 = new Rule(r.arn(), r.listenerArn(), r.priority(), conditions, actions);
      tx.put(Rule.TABLE, scope, r.arn(), r2);
      return r2;
    });
    return ModifyRuleResponse.builder().rules(toSdk(rule)).build();
  }

  public DeleteRuleResponse deleteRule(RequestContext ctx, DeleteRuleRequest req) {
    String scope = ctx.regionalScope();
    if (isDefaultRuleArn(scope, req.ruleArn())) {
      throw Elbv2Errors.error("OperationNotPermitted", "Default rule '" + req.ruleArn() + "' cannot be deleted");
    }
    store.write(tx -> {
      Elbv2Reads.rule(tx, scope, req.ruleArn());
      tx.delete(Rule.TABLE, scope, req.ruleArn());
      tx.delete(ResourceTags.TABLE, scope, req.ruleArn());
      return null;
    });
    return DeleteRuleResponse.builder().build();
  }

  public DescribeRulesResponse describeRules(RequestContext ctx, DescribeRulesRequest req) {
    String scope = ctx.regionalScope();
    if (req.listenerArn() == null && req.ruleArns().isEmpty()) {
      throw Elbv2Errors.validation("You must specify either listener ARN or rule ARNs");
    }
    List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule> out = new ArrayList<>();
    if (req.listenerArn() != null) {
      var l = Elbv2Reads.listener(store, scope, req.listenerArn());
      Elbv2Reads.rulesOf(store, scope, l.arn()).stream().sorted(Comparator.comparingInt(Rule::priority))
          .forEach(r -> out.add(toSdk(r)));
      out.add(defaultRule(l));
    } else {
      for (String arn : req.ruleArns()) {
        var def = store.list(Listener.TABLE, scope).stream().filter(l -> defaultRuleArn(l).equals(arn)).findFirst();
        out.add(def.map(ListenerOperations::defaultRule).orElseGet(() -> toSdk(Elbv2Reads.rule(store, scope, arn))));
      }
    }
    return DescribeRulesResponse.builder().rules(out).build();
  }

  public SetRulePrioritiesResponse setRulePriorities(RequestContext ctx, SetRulePrioritiesRequest req) {
    String scope = ctx.regionalScope();
    var changed = store.write(tx -> {
      List<Rule> updated = new ArrayList<>();
      for (var p : req.rulePriorities()) {
        if (isDefaultRuleArn(scope, p.ruleArn())) {
          throw Elbv2Errors.error("OperationNotPermitted", "The priority of the default rule cannot be changed");
        }
        updated.add(Elbv2Reads.rule(tx, scope, p.ruleArn()).withPriority(priority(p.priority())));
      }
      for (Rule r : updated) {
        var others = Elbv2Reads.rulesOf(tx, scope, r.listenerArn()).stream()
            .filter(o -> updated.stream().noneMatch(u -> u.arn().equals(o.arn()))).toList();
        boolean clash = others.stream().anyMatch(o -> o.priority() == r.priority())
            || updated.stream().anyMatch(u -> u != r && u.listenerArn().equals(r.listenerArn()) && u.priority() == r.priority());
        if (clash) throw Elbv2Errors.error("PriorityInUse", "Priority '" + r.priority() + "' is currently in use");
      }
      updated.forEach(r -> tx.put(Rule.TABLE, scope, r.arn(), r));
      return updated;
    });
    return SetRulePrioritiesResponse.builder().rules(changed.stream().map(ListenerOperations::toSdk).toList()).build();
  }

  public AddListenerCertificatesResponse addListenerCertificates(RequestContext ctx, AddListenerCertificatesRequest req) {
    String scope = ctx.regionalScope();
    var l2 = store.write(tx -> {
      var l = Elbv2Reads.listener(tx, scope, req.listenerArn());
      var certs = new ArrayList<>(l.certificateArns());
      checkKnown(req.certificates().stream().map(Certificate::certificateArn).toList());
      req.certificates().forEach(c -> { if (!certs.contains(c.certificateArn())) certs.add(c.certificateArn()); });
      if (certs.size() > MAX_CERTIFICATES) {
        throw Elbv2Errors.error("TooManyCertificates", "You've reached the limit on the number of certificates per load balancer");
      }
      var n = new Listener(l.arn(), l.loadBalancerArn(), l.protocol(), l.port(), l.sslPolicy(), certs, l.defaultActions(), l.alpnPolicy(),
          l.mutualAuthentication());
      tx.put(Listener.TABLE, scope, l.arn(), n);
      return n;
    });
    return AddListenerCertificatesResponse.builder().certificates(certificates(l2, false)).build();
  }

  public RemoveListenerCertificatesResponse removeListenerCertificates(RequestContext ctx, RemoveListenerCertificatesRequest req) {
    String scope = ctx.regionalScope();
    store.write(tx -> {
      var l = Elbv2Reads.listener(tx, scope, req.listenerArn());
      var certs = new ArrayList<>(l.certificateArns());
      for (var c : req.certificates()) {
        if (!certs.isEmpty() && certs.get(0).equals(c.certificateArn())) {
          throw Elbv2Errors.error("OperationNotPermitted", "The default certificate cannot be removed from a listener");
        }
        certs.remove(c.certificateArn());
      }
      tx.put(Listener.TABLE, scope, l.arn(),
          new Listener(l.arn(), l.loadBalancerArn(), l.protocol(), l.port(), l.sslPolicy(), certs, l.defaultActions(), l.alpnPolicy(),
              l.mutualAuthentication()));
      return null;
    });
    return RemoveListenerCertificatesResponse.builder().build();
  }

  public DescribeListenerCertificatesResponse describeListenerCertificates(RequestContext ctx,
      DescribeListenerCertificatesRequest req) {
    var l = Elbv2Reads.listener(store, ctx.regionalScope(), req.listenerArn());
    return DescribeListenerCertificatesResponse.builder().certificates(certificates(l, true)).build();
  }

  public DescribeSslPoliciesResponse describeSSLPolicies(RequestContext ctx, DescribeSslPoliciesRequest req) {
    var chosen = req.names().isEmpty() ? SslPolicies.ALL.keySet() : req.names();
    List<SslPolicy> out = new ArrayList<>();
    for (String n : chosen) {
      var protocols = SslPolicies.ALL.get(n);
      if (protocols == null) throw Elbv2Errors.error("SSLPolicyNotFound", "One or more SSL policies not found");
      List<String> ciphers = SslPolicies.ciphers(n);
      out.add(SslPolicy.builder().name(n).sslProtocols(protocols)
          .ciphers(java.util.stream.IntStream.range(0, ciphers.size()).mapToObj(i -> software.amazon.awssdk.services
              .elasticloadbalancingv2.model.Cipher.builder().name(ciphers.get(i)).priority(i + 1).build()).toList())
          .supportedLoadBalancerTypes("application", "network").build());
    }
    return DescribeSslPoliciesResponse.builder().sslPolicies(out).build();
  }

  // ---- checks

  private static String protocolFor(LoadBalancer lb, String protocol) {
    if (lb.isGateway()) {
      if (protocol != null) throw Elbv2Errors.validation("Protocol cannot be specified for gateway listeners");
      return "GENEVE";
    }
    if (protocol == null) throw Elbv2Errors.validation("A listener protocol must be specified");
    Set<String> allowed = lb.isApplication() ? ALB_PROTOCOLS : NLB_PROTOCOLS;
    if (!allowed.contains(protocol)) {
      throw Elbv2Errors.error("UnsupportedProtocol", "Listener protocol '" + protocol + "' is not supported with a load balancer of type '"
          + lb.type() + "'");
    }
    return protocol;
  }

  private static int portFor(LoadBalancer lb, Integer port) {
    if (lb.isGateway()) {
      if (port != null) throw Elbv2Errors.validation("Port cannot be specified for gateway listeners");
      return 6081;
    }
    if (port == null) throw Elbv2Errors.validation("A listener port must be specified");
    if (port < 1 || port > 65535) throw Elbv2Errors.validation("Port '" + port + "' must be between '1' and '65535'");
    return port;
  }

  private static String sslPolicy(String protocol, String requested, String current) {
    boolean secure = protocol.equals("HTTPS") || protocol.equals("TLS");
    if (!secure) {
      if (requested != null) throw Elbv2Errors.validation("An SSL policy can only be specified for HTTPS and TLS listeners");
      return null;
    }
    String p = requested != null ? requested : current != null ? current : DEFAULT_SSL_POLICY;
    if (!SslPolicies.ALL.containsKey(p)) throw Elbv2Errors.error("SSLPolicyNotFound", "SSL policy '" + p + "' not found");
    return p;
  }

  private static int priority(Integer p) {
    if (p == null) throw Elbv2Errors.validation("A rule priority must be specified");
    if (p < 1 || p > 50000) {
      throw Elbv2Errors.validation("1 validation error detected: Value '" + p
          + "' at 'priority' failed to satisfy constraint: Member must have value between 1 and 50000");
    }
    return p;
  }

  /** Checks the actions (order, one terminal action last, the configs) and converts them. */
  static List<Action> actions(ReadView tx, String scope, LoadBalancer lb, String protocol,
      List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Action> given, boolean listenerDefault) {
    if (given.isEmpty()) throw Elbv2Errors.validation("At least one action must be specified");
    List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Action> sorted = new ArrayList<>(given);
    if (given.size() > 1 && given.stream().anyMatch(a -> a.order() == null)) {
      throw Elbv2Errors.validation("The action order must be specified when there is more than one action");
    }
    sorted.sort(Comparator.comparing(a -> a.order() == null ? 1 : a.order()));
    Set<Integer> orders = new HashSet<>();
    List<Action> out = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      var a = sorted.get(i);
      if (a.order() != null && (a.order() < 1 || a.order() > 50000)) {
        throw Elbv2Errors.validation("Action order '" + a.order() + "' must be between '1' and '50000'");
      }
      if (a.order() != null && !orders.add(a.order())) throw Elbv2Errors.validation("Action orders must be unique");
      String type = a.typeAsString();
      boolean last = i == sorted.size() - 1;
      boolean terminal = Set.of("forward", "redirect", "fixed-response").contains(type);
      if (terminal != last) {
        throw Elbv2Errors.invalidAction("The last action must be one of forward, redirect or fixed-response, and only the last");
      }
      switch (type) {
        case "forward" -> out.add(new Action("forward", a.order(), forward(tx, scope, lb, protocol, a), null, null));
        case "redirect" -> {
          if (!lb.isApplication()) throw Elbv2Errors.invalidAction("Redirect actions are only supported by Application Load Balancers");
          out.add(new Action("redirect", a.order(), null, redirect(protocol, a.redirectConfig()), null));
        }
        case "fixed-response" -> {
          if (!lb.isApplication()) {
            throw Elbv2Errors.invalidAction("Fixed-response actions are only supported by Application Load Balancers");
          }
          out.add(new Action("fixed-response", a.order(), null, null, fixed(a.fixedResponseConfig())));
        }
        case "authenticate-oidc", "authenticate-cognito" -> {
          if (!"HTTPS".equals(protocol)) {
            throw Elbv2Errors.invalidAction("Authenticate actions are only supported on HTTPS listeners");
          }
          if (!lb.isApplication()) {
            throw Elbv2Errors.invalidAction("Authenticate actions are only supported by Application Load Balancers");
          }
          out.add(new Action(type, a.order(), null, null, null, type.equals("authenticate-oidc")
              ? AuthenticateConfigs.oidc(a.authenticateOidcConfig()) : AuthenticateConfigs.cognito(a.authenticateCognitoConfig())));
        }
        default -> throw Elbv2Errors.validation("Action type '" + type + "' must be one of 'redirect,fixed-response,forward,"
            + "authenticate-cognito,authenticate-oidc'");
      }
    }
    return out;
  }

  private static Action.Forward forward(ReadView tx, String scope, LoadBalancer lb, String protocol,
      software.amazon.awssdk.services.elasticloadbalancingv2.model.Action a) {
    List<Action.WeightedTargetGroup> groups = new ArrayList<>();
    boolean sticky = false;
    Integer duration = null;
    if (a.forwardConfig() != null) {
      var fc = a.forwardConfig();
      for (var t : fc.targetGroups()) groups.add(new Action.WeightedTargetGroup(t.targetGroupArn(), t.weight() == null ? 1 : t.weight()));
      if (fc.targetGroupStickinessConfig() != null && Boolean.TRUE.equals(fc.targetGroupStickinessConfig().enabled())) {
        sticky = true;
        duration = fc.targetGroupStickinessConfig().durationSeconds();
        if (duration == null || duration < 1 || duration > 604800) {
          throw Elbv2Errors.validation("Target group stickiness duration must be between 1 and 604800 seconds");
        }
      }
    }
    if (a.targetGroupArn() != null) {
      if (!groups.isEmpty() && !(groups.size() == 1 && groups.get(0).targetGroupArn().equals(a.targetGroupArn()))) {
        throw Elbv2Errors.validation("You cannot specify both a target group ARN and a forward config with different target groups");
      }
      if (groups.isEmpty()) groups.add(new Action.WeightedTargetGroup(a.targetGroupArn(), 1));
    }
    if (groups.isEmpty()) throw Elbv2Errors.validation("A target group ARN must be specified for a forward action");
    int max = lb.isApplication() ? 5 : 1;
    if (groups.size() > max) {
      throw Elbv2Errors.error("TooManyTargetGroups", "You can specify up to " + max + " target groups in a forward action");
    }
    if (groups.stream().map(Action.WeightedTargetGroup::targetGroupArn).distinct().count() < groups.size()) {
      throw Elbv2Errors.validation("A target group can be specified only once in a forward action");
    }
    for (var g : groups) {
      if (g.weight() < 0 || g.weight() > 999) throw Elbv2Errors.validation("Target group weight must be between 0 and 999");
      TargetGroup tg = Elbv2Reads.targetGroup(tx, scope, g.targetGroupArn());
      if (tg.vpcId() != null && lb.vpcId() != null && !tg.vpcId().equals(lb.vpcId())) {
        throw Elbv2Errors.invalidConfiguration("Target group '" + tg.arn() + "' is not in the same VPC as the load balancer");
      }
      boolean ok = lb.isApplication() ? tg.protocol() == null || tg.protocol().startsWith("HTTP")
          : lb.isNetwork() ? tg.protocol() != null && !tg.protocol().startsWith("HTTP") && !tg.protocol().equals("GENEVE")
          : "GENEVE".equals(tg.protocol());
      if (lb.isNetwork() && ok) ok = compatibleL4(protocol, tg.protocol());
      if (!ok) {
        throw Elbv2Errors.error("IncompatibleProtocols", "The protocol '" + tg.protocol() + "' of target group '" + tg.arn()
            + "' is not compatible with listener protocol '" + protocol + "'");
      }
      var others = Elbv2Reads.loadBalancersOf(tx, scope, tg.arn()).stream().filter(o -> !o.equals(lb.arn())).toList();
      if (!others.isEmpty()) {
        throw Elbv2Errors.error("TargetGroupAssociationLimit",
            "The following target groups cannot be associated with more than one load balancer: " + tg.arn());
      }
    }
    if (lb.isApplication()) {
      var used = new HashSet<>(Elbv2Reads.targetGroupsUsedBy(tx, scope, lb.arn()));
      groups.forEach(g -> used.add(g.targetGroupArn()));
      if (used.size() > MAX_TARGET_GROUPS_PER_ALB) {
        throw Elbv2Errors.error("TooManyUniqueTargetGroupsPerLoadBalancer",
            "You've reached the limit on the number of unique target groups per load balancer across all listeners");
      }
    }
    return new Action.Forward(groups, sticky, duration);
  }

  private static boolean compatibleL4(String listener, String tg) {
    return switch (listener) {
      case "TCP" -> tg.equals("TCP") || tg.equals("TCP_UDP");
      case "TLS" -> tg.equals("TCP") || tg.equals("TLS");
      case "UDP" -> tg.equals("UDP") || tg.equals("TCP_UDP");
      case "TCP_UDP" -> tg.equals("TCP_UDP");
      default -> false;
    };
  }

  private static Action.Redirect redirect(String listenerProtocol, RedirectActionConfig c) {
    if (c == null) throw Elbv2Errors.validation("A redirect config must be specified for a redirect action");
    if (c.statusCode() == null) throw Elbv2Errors.validation("A redirect status code must be specified");
    String protocol = c.protocol();
    if (protocol != null && !Set.of("HTTP", "HTTPS", "#{protocol}").contains(protocol)) {
      throw Elbv2Errors.validation("Redirect protocol must be one of 'HTTP, HTTPS, #{protocol}'");
    }
    if ("HTTPS".equals(listenerProtocol) && "HTTP".equals(protocol)) {
      throw Elbv2Errors.invalidAction("You cannot redirect from HTTPS to HTTP");
    }
    if (c.port() != null && !c.port().equals("#{port}")) {
      int p;
      try { p = Integer.parseInt(c.port()); } catch (NumberFormatException e) { p = -1; }
      if (p < 1 || p > 65535) throw Elbv2Errors.validation("Redirect port must be between 1 and 65535 or '#{port}'");
    }
    if (c.host() != null && (c.host().isEmpty() || c.host().length() > 128)) {
      throw Elbv2Errors.validation("Redirect host must be between 1 and 128 characters");
    }
    if (c.path() != null && (c.path().length() > 128 || !c.path().startsWith("/"))) {
      throw Elbv2Errors.validation("Redirect path must start with '/' and be at most 128 characters");
    }
    if (c.query() != null && c.query().length() > 128) throw Elbv2Errors.validation("Redirect query must be at most 128 characters");
    boolean changes = (protocol != null && !protocol.equals("#{protocol}")) || (c.port() != null && !c.port().equals("#{port}"))
        || (c.host() != null && !c.host().equals("#{host}")) || (c.path() != null && !c.path().equals("/#{path}"));
    if (!changes) {
      throw Elbv2Errors.invalidAction("The redirect must change at least one of protocol, port, host or path to avoid a loop");
    }
    return new Action.Redirect(protocol, c.port(), c.host(), c.path(), c.query(), c.statusCodeAsString());
  }

  private static Action.FixedResponse fixed(FixedResponseActionConfig c) {
    if (c == null || c.statusCode() == null) throw Elbv2Errors.validation("A status code must be specified for a fixed-response action");
    if (!c.statusCode().matches("[245]\\d\\d")) {
      throw Elbv2Errors.validation("Fixed-response status code '" + c.statusCode() + "' must be 2XX, 4XX or 5XX");
    }
    if (c.contentType() != null && !CONTENT_TYPES.contains(c.contentType())) {
      throw Elbv2Errors.validation("Fixed-response content type must be one of 'text/plain, text/css, text/html, "
          + "application/javascript, application/json'");
    }
    if (c.messageBody() != null && c.messageBody().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 1024) {
      throw Elbv2Errors.validation("Fixed-response message body cannot be longer than 1024 bytes");
    }
    return new Action.FixedResponse(c.statusCode(), c.contentType(), c.messageBody());
  }

  /** Checks the conditions against AWS's limits and converts them (legacy Values folded into the configs). */
  static List<Condition> conditions(List<RuleCondition> given) {
    if (given.isEmpty()) throw Elbv2Errors.validation("At least one condition must be specified");
    List<Condition> out = new ArrayList<>();
    Set<String> once = new HashSet<>();
    int evaluations = 0;
    int wildcards = 0;
    for (var c : given) {
      String field = c.field();
      if (field == null) throw Elbv2Errors.validation("A condition field must be specified");
      Condition cond = switch (field) {
        case "host-header" -> new Condition(field, values(c.values(), c.hostHeaderConfig() == null ? null : c.hostHeaderConfig().values()), null, null);
        case "path-pattern" -> new Condition(field, values(c.values(), c.pathPatternConfig() == null ? null : c.pathPatternConfig().values()), null, null);
        case "http-request-method" -> new Condition(field, values(c.values(),
            c.httpRequestMethodConfig() == null ? null : c.httpRequestMethodConfig().values()), null, null);
        case "source-ip" -> new Condition(field, values(c.values(), c.sourceIpConfig() == null ? null : c.sourceIpConfig().values()), null, null);
        case "http-header" -> {
          if (c.httpHeaderConfig() == null || c.httpHeaderConfig().httpHeaderName() == null) {
            throw Elbv2Errors.validation("An HTTP header name must be specified for an 'http-header' condition");
          }
          if (!c.httpHeaderConfig().httpHeaderName().matches("[A-Za-z0-9!#$%&'+.^_`|~-]{1,40}")) {
            throw Elbv2Errors.validation("HTTP header name '" + c.httpHeaderConfig().httpHeaderName() + "' is not valid");
          }
          yield new Condition(field, values(null, c.httpHeaderConfig().values()), c.httpHeaderConfig().httpHeaderName(), null);
        }
        case "query-string" -> {
          if (c.queryStringConfig() == null || c.queryStringConfig().values().isEmpty()) {
            throw Elbv2Errors.validation("Query string values must be specified for a 'query-string' condition");
          }
          var qv = c.queryStringConfig().values().stream().map(kv -> {
            if (kv.value() == null || kv.value().isEmpty()) throw Elbv2Errors.validation("A query string value cannot be empty");
            return new Condition.QueryValue(kv.key(), kv.value());
          }).toList();
          yield new Condition(field, null, null, qv);
        }
        default -> throw Elbv2Errors.validation("Condition field '" + field + "' must be one of '[http-header, "
            + "http-request-method, host-header, path-pattern, query-string, source-ip]'");
      };
      if (!field.equals("http-header") && !field.equals("query-string") && !once.add(field)) {
        throw Elbv2Errors.validation("A rule can only have one '" + field + "' condition");
      }
      for (String v : cond.values()) {
        if (v.isEmpty()) throw Elbv2Errors.validation("Condition values cannot be empty");
        checkValue(field, v);
      }
      out.add(cond);
      evaluations += cond.evaluations();
      for (String v : cond.values()) wildcards += wildcards(field, v);
      for (var q : cond.queryValues()) wildcards += wildcards(field, (q.key() == null ? "" : q.key()) + q.value());
    }
    if (evaluations > 5) throw Elbv2Errors.validation("A rule can only have '5' condition values");
    if (wildcards > 5) throw Elbv2Errors.validation("A rule can only have '5' wildcards");
    return out;
  }

  private static List<String> values(List<String> legacy, List<String> config) {
    if (legacy != null && !legacy.isEmpty() && config != null && !config.isEmpty()) {
      throw Elbv2Errors.validation("You cannot specify both 'Values' and a condition config");
    }
    var v = config != null && !config.isEmpty() ? config : legacy;
    if (v == null || v.isEmpty()) throw Elbv2Errors.validation("Condition values must be specified");
    return v;
  }

  private static void checkValue(String field, String v) {
    switch (field) {
      case "host-header" -> {
        if (v.length() > 128 || !HOST.matcher(v).matches() || !v.contains(".")
            || !v.substring(v.lastIndexOf('.') + 1).matches("[A-Za-z*?]+")) {
          throw Elbv2Errors.validation("Host header value '" + v + "' is not valid");
        }
      }
      case "path-pattern" -> {
        if (v.length() > 128 || !PATH.matcher(v).matches()) {
          throw Elbv2Errors.validation("Path pattern value '" + v + "' is not valid");
        }
      }
      case "http-request-method" -> {
        if (v.length() > 40 || !v.matches("[A-Z_-]+")) {
          throw Elbv2Errors.validation("HTTP request method '" + v + "' is not valid");
        }
      }
      case "source-ip" -> {
        var cidr = Cidr.tryParse(v);
        if (cidr.isEmpty() || !v.contains("/")) throw Elbv2Errors.validation("Source IP value '" + v + "' is not a valid CIDR block");
        if (v.equals("255.255.255.255/32")) throw Elbv2Errors.validation("Source IP value '255.255.255.255/32' is not allowed");
      }
      case "http-header" -> {
        if (v.length() > 128) throw Elbv2Errors.validation("HTTP header value '" + v + "' cannot be longer than 128 characters");
      }
      default -> { }
    }
  }

  private static int wildcards(String field, String v) {
    if (field.equals("http-request-method") || field.equals("source-ip")) return 0;
    return (int) v.chars().filter(ch -> ch == '*' || ch == '?').count();
  }

  // ---- shapes

  static String defaultRuleArn(Listener l) {
    return l.arn().replace(":listener/", ":listener-rule/") + "/" + Integer.toHexString(l.arn().hashCode() & 0x7fffffff)
        + "0000000000000000".substring(0, 16 - Integer.toHexString(l.arn().hashCode() & 0x7fffffff).length());
  }

  private boolean isDefaultRuleArn(String scope, String arn) {
    return arn != null && store.list(Listener.TABLE, scope).stream().anyMatch(l -> defaultRuleArn(l).equals(arn));
  }

  private static software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule defaultRule(Listener l) {
    return software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule.builder()
        .ruleArn(defaultRuleArn(l)).priority("default").isDefault(true).conditions(List.of())
        .actions(l.defaultActions().stream().map(ListenerOperations::toSdk).toList()).build();
  }

  static software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule toSdk(Rule r) {
    return software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule.builder()
        .ruleArn(r.arn()).priority(String.valueOf(r.priority())).isDefault(false)
        .conditions(r.conditions().stream().map(ListenerOperations::toSdk).toList())
        .actions(r.actions().stream().map(ListenerOperations::toSdk).toList()).build();
  }

  private static RuleCondition toSdk(Condition c) {
    var b = RuleCondition.builder().field(c.field());
    switch (c.field()) {
      case "host-header" -> b.values(c.values()).hostHeaderConfig(h -> h.values(c.values()));
      case "path-pattern" -> b.values(c.values()).pathPatternConfig(h -> h.values(c.values()));
      case "http-request-method" -> b.httpRequestMethodConfig(h -> h.values(c.values()));
      case "source-ip" -> b.sourceIpConfig(h -> h.values(c.values()));
      case "http-header" -> b.httpHeaderConfig(h -> h.httpHeaderName(c.headerName()).values(c.values()));
      default -> b.queryStringConfig(q -> q.values(c.queryValues().stream()
          .map(v -> QueryStringKeyValuePair.builder().key(v.key()).value(v.value()).build()).toList()));
    }
    return b.build();
  }

  static software.amazon.awssdk.services.elasticloadbalancingv2.model.Action toSdk(Action a) { return toSdk(a, false); }

  /** A Gateway Load Balancer's forward action has one group, without weight or stickiness: AWS shows neither. */
  static software.amazon.awssdk.services.elasticloadbalancingv2.model.Action toSdk(Action a, boolean gateway) {
    var b = software.amazon.awssdk.services.elasticloadbalancingv2.model.Action.builder().type(a.type()).order(a.order());
    if (a.forward() != null) {
      var f = a.forward();
      if (f.targetGroups().size() == 1) b.targetGroupArn(f.targetGroups().get(0).targetGroupArn());
      b.forwardConfig(fc -> fc.targetGroups(f.targetGroups().stream()
              .map(g -> TargetGroupTuple.builder().targetGroupArn(g.targetGroupArn()).weight(gateway ? null : g.weight()).build())
              .toList())
          .targetGroupStickinessConfig(gateway ? null : TargetGroupStickinessConfig.builder().enabled(f.stickinessEnabled())
              .durationSeconds(f.stickinessDurationSeconds()).build()));
    }
    if (a.redirect() != null) {
      var r = a.redirect();
      b.redirectConfig(rc -> rc.protocol(r.protocol() == null ? "#{protocol}" : r.protocol())
          .port(r.port() == null ? "#{port}" : r.port()).host(r.host() == null ? "#{host}" : r.host())
          .path(r.path() == null ? "/#{path}" : r.path()).query(r.query() == null ? "#{query}" : r.query())
          .statusCode(r.statusCode()));
    }
    if (a.fixedResponse() != null) {
      var f = a.fixedResponse();
      b.fixedResponseConfig(fc -> fc.statusCode(f.statusCode()).contentType(f.contentType()).messageBody(f.messageBody()));
    }
    if (a.authenticate() != null) {
      if (a.type().equals("authenticate-oidc")) {
        b.authenticateOidcConfig(AuthenticateConfigs.toSdkOidc(a.authenticate()));
      } else {
        b.authenticateCognitoConfig(AuthenticateConfigs.toSdkCognito(a.authenticate()));
      }
    }
    return b.build();
  }

  static software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener toSdk(Listener l) {
    // a Gateway Load Balancer's listener takes all IP traffic: AWS shows it without protocol and port
    boolean gateway = l.arn().contains(":listener/gwy/");
    return software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener.builder()
        .listenerArn(l.arn()).loadBalancerArn(l.loadBalancerArn()).protocol(gateway ? null : l.protocol())
        .port(gateway ? null : l.port())
        .sslPolicy(l.sslPolicy())
        .certificates(l.certificateArns().isEmpty() ? null : List.of(Certificate.builder().certificateArn(l.certificateArns().get(0)).build()))
        .defaultActions(l.defaultActions().stream().map(a -> toSdk(a, gateway)).toList())
        .alpnPolicy(l.alpnPolicy().isEmpty() ? null : l.alpnPolicy())
        .mutualAuthentication(TrustStoreOperations.supportsMutualTls(l.protocol()) ? TrustStoreOperations.toSdk(l.mutualAuthentication()) : null)
        .build();
  }

  private static List<Certificate> certificates(Listener l, boolean all) {
    List<Certificate> out = new ArrayList<>();
    for (int i = 0; i < l.certificateArns().size(); i++) {
      out.add(Certificate.builder().certificateArn(l.certificateArns().get(i)).isDefault(i == 0).build());
    }
    return out;
  }
}
