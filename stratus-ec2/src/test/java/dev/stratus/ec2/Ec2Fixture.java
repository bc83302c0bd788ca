package dev.stratus.ec2;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.core.AwsException;
import dev.stratus.core.RequestContext;
import dev.stratus.core.store.MemoryStore;
import dev.stratus.ec2.gateways.InternetGatewayOperations;
import dev.stratus.ec2.routing.RouteTableOperations;
import dev.stratus.ec2.security.NetworkAclOperations;
import dev.stratus.ec2.security.SecurityGroupOperations;
import dev.stratus.ec2.vpc.RegionOperations;
import dev.stratus.ec2.vpc.SubnetOperations;
import dev.stratus.ec2.vpc.VpcOperations;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert;

/** One account in us-east-1 over a MemoryStore, with every EC2 handler, for handler tests. */
class Ec2Fixture {
  final Clock clock = Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC);
  final MemoryStore memory = new MemoryStore();
  final Ec2Store store = new Ec2Store(memory, clock);
  final RequestContext ctx = new RequestContext("123456789012", "us-east-1", "req-1", clock.instant());
  final RegionOperations regions = new RegionOperations(store);
  final VpcOperations vpcs = new VpcOperations(store);
  final SubnetOperations subnets = new SubnetOperations(store);
  final RouteTableOperations routeTables = new RouteTableOperations(store);
  final InternetGatewayOperations igws = new InternetGatewayOperations(store);
  final SecurityGroupOperations groups = new SecurityGroupOperations(store);
  final NetworkAclOperations acls = new NetworkAclOperations(store);
  final TagOperations tags = new TagOperations(store);

  RequestContext in(String region) { return new RequestContext(ctx.accountId(), region, "req-2", clock.instant()); }

  /** Asserts AWS's error code (and optionally message) for a call. */
  static AbstractThrowableAssert<?, ? extends Throwable> refused(ThrowableAssert.ThrowingCallable call, String code) {
    return assertThatThrownBy(call).isInstanceOf(AwsException.class)
        .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((AwsException) e).code()).isEqualTo(code));
  }

  String createVpc(String cidr) {
    return vpcs.createVpc(ctx, software.amazon.awssdk.services.ec2.model.CreateVpcRequest.builder().cidrBlock(cidr).build())
        .vpc().vpcId();
  }

  String createSubnet(String vpcId, String cidr) {
    return subnets.createSubnet(ctx, software.amazon.awssdk.services.ec2.model.CreateSubnetRequest.builder()
        .vpcId(vpcId).cidrBlock(cidr).build()).subnet().subnetId();
  }
}
