package dev.stratus.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.protocol.testing.ApiTestServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.*;

/**
 * MaxResults / NextToken through the real SDK v2 Ec2Client and its paginators, over a fresh account
 * holding the default VPC plus 11 created VPCs (12 in all, each with its main route table and default
 * security group), 12 instances in 4 reservations, and 11 Name tags.
 */
class Ec2PaginationIT {
  private static ApiTestServer server;
  private static Ec2Client ec2;
  private static final List<String> VPCS = new ArrayList<>();
  private static final List<String> INSTANCES = new ArrayList<>();

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(Clock.systemUTC(), new Ec2Module());
    ec2 = server.client(Ec2Client.builder());
    for (int i = 1; i <= 11; i++) {
      VPCS.add(ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16").tagSpecifications(TagSpecification.builder()
          .resourceType(ResourceType.VPC).tags(Tag.builder().key("Name").value("paged").build()).build())).vpc().vpcId());
    }
    VPCS.add(ec2.describeVpcs(r -> r.filters(Filter.builder().name("is-default").values("true").build())).vpcs().get(0)
        .vpcId());
    for (int i = 0; i < 4; i++) {
      ec2.runInstances(r -> r.imageId("ami-0123456789abcdef0").minCount(3).maxCount(3)).instances()
          .forEach(x -> INSTANCES.add(x.instanceId()));
    }
  }

  @AfterAll
  static void stop() {
    ec2.close();
    server.close();
  }

  private static AwsServiceException refusal(Runnable call) {
    try {
      call.run();
    } catch (AwsServiceException e) {
      return e;
    }
    throw new AssertionError("expected an AWS error");
  }

  @Test
  void describeVpcsPaginator_twelveVpcsBy5_allTwelveInThreePages() {
    var pages = ec2.describeVpcsPaginator(r -> r.maxResults(5)).stream().toList();
    assertThat(pages).extracting(p -> p.vpcs().size()).containsExactly(5, 5, 2);
    assertThat(pages.get(2).nextToken()).isNull();
    assertThat(pages.stream().flatMap(p -> p.vpcs().stream()).map(Vpc::vpcId).toList())
        .containsExactlyElementsOf(VPCS.stream().sorted().toList());
  }

  @Test
  void describeVpcs_noMaxResults_everythingWithoutToken() {
    var all = ec2.describeVpcs();
    assertThat(all.vpcs()).hasSize(12);
    assertThat(all.nextToken()).isNull();
  }

  @Test
  void describeVpcsPaginator_withFilter_pagesOnlyMatches() {
    var ids = ec2.describeVpcsPaginator(r -> r.maxResults(5).filters(Filter.builder().name("tag:Name").values("paged")
        .build())).vpcs().stream().map(Vpc::vpcId).toList();
    assertThat(ids).hasSize(11).doesNotHaveDuplicates();
  }

  @Test
  void describeInstancesPaginator_twelveInstancesBy5_reservationsRebuiltPerPage() {
    var pages = ec2.describeInstancesPaginator(r -> r.maxResults(5)).stream().toList();
    assertThat(pages).hasSize(3);
    assertThat(pages).extracting(p -> p.reservations().stream().mapToInt(r -> r.instances().size()).sum())
        .containsExactly(5, 5, 2);
    List<String> sorted = INSTANCES.stream().sorted().toList();
    for (int i = 0; i < pages.size(); i++) {
      assertThat(pages.get(i).reservations().stream().flatMap(r -> r.instances().stream()).map(Instance::instanceId))
          .as("page %d holds the next instances by id", i)
          .containsExactlyInAnyOrderElementsOf(sorted.subList(5 * i, Math.min(12, 5 * i + 5)));
    }
  }

  @Test
  void otherPaginators_collectWhatTheUnpagedCallReturns() {
    assertThat(ec2.describeSubnetsPaginator(r -> r.maxResults(5)).subnets())
        .containsExactlyInAnyOrderElementsOf(ec2.describeSubnets().subnets());
    assertThat(ec2.describeTagsPaginator(r -> r.maxResults(5)).tags())
        .containsExactlyInAnyOrderElementsOf(ec2.describeTags().tags()).hasSizeGreaterThanOrEqualTo(11);
    assertThat(ec2.describeSecurityGroupsPaginator(r -> r.maxResults(5)).securityGroups()).hasSize(12);
    assertThat(ec2.describeRouteTablesPaginator(r -> r.maxResults(5)).routeTables()).hasSize(12);
    assertThat(ec2.describeNetworkInterfacesPaginator(r -> r.maxResults(5)).networkInterfaces()).hasSize(12);
  }

  @Test
  void describeInstances_idsWithMaxResults_invalidParameterCombination() {
    var e = refusal(() -> ec2.describeInstances(r -> r.instanceIds(INSTANCES.get(0)).maxResults(5)));
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterCombination");
    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo("The parameter instancesSet cannot be used with the parameter maxResults");
  }

  @Test
  void describeVpcs_maxResultsOutOfRange_invalidParameterValue() {
    var low = refusal(() -> ec2.describeVpcs(r -> r.maxResults(4)));
    assertThat(low.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    assertThat(low.awsErrorDetails().errorMessage())
        .isEqualTo("Value ( 4 ) for parameter maxResults is invalid. Expecting a value greater than 5.");
    var high = refusal(() -> ec2.describeRouteTables(r -> r.maxResults(101)));
    assertThat(high.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
  }

  @Test
  void describeVpcs_foreignOrGarbageToken_invalidParameterValue() {
    String subnetToken = ec2.describeSubnets(r -> r.maxResults(5)).nextToken();
    var foreign = refusal(() -> ec2.describeVpcs(r -> r.maxResults(5).nextToken(subnetToken)));
    assertThat(foreign.awsErrorDetails().errorMessage()).endsWith("for parameter NextToken is invalid. The token is invalid.");
    var garbage = refusal(() -> ec2.describeVpcs(r -> r.nextToken("%%%")));
    assertThat(garbage.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    var empty = refusal(() -> ec2.describeVpcs(r -> r.nextToken("")));
    assertThat(empty.awsErrorDetails().errorMessage())
        .isEqualTo("Value (  ) for parameter NextToken is invalid. The token is invalid.");
    assertThat(ec2.describeSecurityGroups(r -> r.nextToken("")).securityGroups()).hasSize(12);
  }

  @Test
  void searchTransitGatewayRoutes_maxResultsBelow5_refused() {
    assertThatThrownBy(() -> ec2.searchTransitGatewayRoutes(r -> r.transitGatewayRouteTableId("tgw-rtb-0123456789abcdef0")
        .maxResults(1).filters(Filter.builder().name("state").values("active").build())))
        .isInstanceOf(SdkException.class).hasMessageContaining("maxResults");
  }
}
