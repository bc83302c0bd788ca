package dev.stratus.elbv2;

import dev.stratus.elbv2.model.LoadBalancer;
import dev.stratus.elbv2.model.TargetGroup;

/** Converts ELBv2 model records to the SDK's response shapes. */
final class Elbv2Shapes {
  private Elbv2Shapes() {}

  static software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer toSdk(LoadBalancer lb) {
    return software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer.builder()
        .loadBalancerArn(lb.arn()).loadBalancerName(lb.name()).type(lb.type()).scheme(lb.scheme())
        .vpcId(lb.vpcId()).dnsName(lb.dnsName()).createdTime(lb.createdTime())
        .build();
  }

  static software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup toSdk(TargetGroup tg) {
    return software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup.builder()
        .targetGroupArn(tg.arn()).targetGroupName(tg.name()).protocol(tg.protocol()).port(tg.port())
        .vpcId(tg.vpcId()).targetType(tg.targetType()).loadBalancerArns(tg.loadBalancerArns())
        .build();
  }
}
