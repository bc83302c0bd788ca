package dev.stratus.elbv2;

import dev.stratus.core.store.ReadView;
import dev.stratus.elbv2.model.Action;
import dev.stratus.elbv2.model.Listener;
import dev.stratus.elbv2.model.LoadBalancer;
import dev.stratus.elbv2.model.Rule;
import dev.stratus.elbv2.model.TargetGroup;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Reads across the ELBv2 tables: who uses which target group, the listeners and rules of a balancer. */
final class Elbv2Reads {
  private Elbv2Reads() {}

  static LoadBalancer loadBalancer(ReadView v, String scope, String arn) {
    Elbv2Names.requireArn(Elbv2Names.LOAD_BALANCER_ARN, "load balancer", arn);
    return v.get(LoadBalancer.TABLE, scope, arn).orElseThrow(Elbv2Errors::loadBalancerNotFound);
  }

  static TargetGroup targetGroup(ReadView v, String scope, String arn) {
    Elbv2Names.requireArn(Elbv2Names.TARGET_GROUP_ARN, "target group", arn);
    return v.get(TargetGroup.TABLE, scope, arn).orElseThrow(Elbv2Errors::targetGroupNotFound);
  }

  static Listener listener(ReadView v, String scope, String arn) {
    Elbv2Names.requireArn(Elbv2Names.LISTENER_ARN, "listener", arn);
    return v.get(Listener.TABLE, scope, arn).orElseThrow(Elbv2Errors::listenerNotFound);
  }

  static Rule rule(ReadView v, String scope, String arn) {
    Elbv2Names.requireArn(Elbv2Names.RULE_ARN, "rule", arn);
    return v.get(Rule.TABLE, scope, arn).orElseThrow(Elbv2Errors::ruleNotFound);
  }

  static List<Listener> listenersOf(ReadView v, String scope, String lbArn) {
    return v.list(Listener.TABLE, scope).stream().filter(l -> l.loadBalancerArn().equals(lbArn)).toList();
  }

  static List<Rule> rulesOf(ReadView v, String scope, String listenerArn) {
    return v.list(Rule.TABLE, scope).stream().filter(r -> r.listenerArn().equals(listenerArn)).toList();
  }

  static Stream<String> targetGroupsOf(List<Action> actions) {
    return actions.stream().filter(a -> a.forward() != null)
        .flatMap(a -> a.forward().targetGroups().stream().map(Action.WeightedTargetGroup::targetGroupArn));
  }

  /** The load balancers whose listeners or rules forward to {@code tgArn}. */
  static List<String> loadBalancersOf(ReadView v, String scope, String tgArn) {
    Set<String> lbs = new LinkedHashSet<>();
    var listeners = v.list(Listener.TABLE, scope);
    for (Listener l : listeners) {
      if (targetGroupsOf(l.defaultActions()).anyMatch(tgArn::equals)) lbs.add(l.loadBalancerArn());
    }
    for (Rule r : v.list(Rule.TABLE, scope)) {
      if (targetGroupsOf(r.actions()).anyMatch(tgArn::equals)) {
        listeners.stream().filter(l -> l.arn().equals(r.listenerArn())).findFirst().ifPresent(l -> lbs.add(l.loadBalancerArn()));
      }
    }
    return List.copyOf(lbs);
  }

  /** The target groups a load balancer's listeners and rules forward to. */
  static Set<String> targetGroupsUsedBy(ReadView v, String scope, String lbArn) {
    Set<String> tgs = new LinkedHashSet<>();
    for (Listener l : listenersOf(v, scope, lbArn)) {
      targetGroupsOf(l.defaultActions()).forEach(tgs::add);
      rulesOf(v, scope, l.arn()).forEach(r -> targetGroupsOf(r.actions()).forEach(tgs::add));
    }
    return tgs;
  }
}
