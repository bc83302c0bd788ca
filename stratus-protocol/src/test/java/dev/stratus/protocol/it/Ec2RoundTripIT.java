package dev.stratus.protocol.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stratus.core.AwsException;
import dev.stratus.core.RequestContext;
import dev.stratus.protocol.testing.ApiTestServer;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.*;

/** EC2 (ec2 protocol) through the real SDK client: Name.N lists, nested structures, errors. */
class Ec2RoundTripIT {
  static final Captor CAPTOR = new Captor();
  static final Instant LAUNCH = Instant.parse("2026-11-22T08:00:00Z");
  static ApiTestServer server;
  static Ec2Client ec2;
  static RequestContext lastContext;

  /** Echo handlers. */
  public static final class Handlers {
    public DescribeVpcsResponse describeVpcs(RequestContext c, DescribeVpcsRequest r) {
      CAPTOR.capture(r);
      lastContext = c;
      return describeVpcsResponse();
    }

    public CreateVpcResponse createVpc(RequestContext c, CreateVpcRequest r) {
      CAPTOR.capture(r);
      if ("10.0.0.0/33".equals(r.cidrBlock())) {
        throw new AwsException("InvalidParameterValue", 400, "Value (10.0.0.0/33) for parameter cidrBlock is invalid. This is not a valid CIDR block.");
      }
      return CreateVpcResponse.builder().vpc(describeVpcsResponse().vpcs().get(0)).build();
    }

    public RunInstancesResponse runInstances(RequestContext c, RunInstancesRequest r) {
      CAPTOR.capture(r);
      return runResponse();
    }
  }

  static DescribeVpcsResponse describeVpcsResponse() {
    return DescribeVpcsResponse.builder().vpcs(Vpc.builder().vpcId("vpc-0123456789abcdef0").cidrBlock("10.0.0.0/16")
        .state(VpcState.AVAILABLE).isDefault(false).ownerId("000000000000").dhcpOptionsId("dopt-1")
        .cidrBlockAssociationSet(VpcCidrBlockAssociation.builder().associationId("vpc-cidr-assoc-1").cidrBlock("10.0.0.0/16")
            .cidrBlockState(VpcCidrBlockState.builder().state(VpcCidrBlockStateCode.ASSOCIATED).build()).build())
        .tags(Tag.builder().key("Name").value("main & <co>").build()).build())
        .nextToken("tok").build();
  }

  static RunInstancesResponse runResponse() {
    return RunInstancesResponse.builder().reservationId("r-1").ownerId("000000000000")
        .instances(Instance.builder().instanceId("i-1").launchTime(LAUNCH).state(InstanceState.builder().code(16).name(InstanceStateName.RUNNING).build())
            .securityGroups(GroupIdentifier.builder().groupId("sg-1").groupName("default").build())
            .networkInterfaces(InstanceNetworkInterface.builder().networkInterfaceId("eni-1")
                .privateIpAddresses(InstancePrivateIpAddress.builder().privateIpAddress("10.0.0.5").primary(true).build()).build())
            .build())
        .build();
  }

  @BeforeAll static void start() {
    server = ApiTestServer.start(new Handlers());
    ec2 = server.client(Ec2Client.builder());
  }

  @AfterAll static void stop() { server.close(); }

  @Test void describeVpcs_filtersAndIds_parseEqualAndVpcSetUnmarshals() {
    DescribeVpcsRequest request = DescribeVpcsRequest.builder()
        .filters(Filter.builder().name("tag:Name").values("a", "b").build(), Filter.builder().name("cidr").values("10.0.0.0/16").build())
        .vpcIds("vpc-1", "vpc-2").maxResults(5).build();

    DescribeVpcsResponse response = ec2.describeVpcs(request);

    assertThat(CAPTOR.last()).isEqualTo(request);
    SdkAssert.assertSameFields(response, describeVpcsResponse());
    assertThat(response.responseMetadata().requestId()).isNotBlank();
    assertThat(lastContext.region()).isEqualTo("us-east-1");
    assertThat(lastContext.accountId()).isEqualTo(RequestContext.DEFAULT_ACCOUNT);
  }

  @Test void createVpc_tagSpecifications_parseEqual() {
    CreateVpcRequest request = CreateVpcRequest.builder().cidrBlock("10.0.0.0/16").amazonProvidedIpv6CidrBlock(true)
        .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.VPC)
            .tags(Tag.builder().key("Name").value("x").build(), Tag.builder().key("env").value("").build()).build())
        .build();

    CreateVpcResponse response = ec2.createVpc(request);

    assertThat(CAPTOR.last()).isEqualTo(request);
    assertThat(response.vpc()).isEqualTo(describeVpcsResponse().vpcs().get(0));
  }

  @Test void runInstances_nestedLists_parseEqualAndInstancesUnmarshal() {
    RunInstancesRequest request = RunInstancesRequest.builder().imageId("ami-1").minCount(1).maxCount(2)
        .instanceType(InstanceType.T3_MICRO).securityGroupIds("sg-1", "sg-2").subnetId("subnet-1")
        .blockDeviceMappings(BlockDeviceMapping.builder().deviceName("/dev/xvda").ebs(EbsBlockDevice.builder().volumeSize(8).build()).build())
        .networkInterfaces(InstanceNetworkInterfaceSpecification.builder().deviceIndex(0).groups("sg-3")
            .privateIpAddresses(PrivateIpAddressSpecification.builder().privateIpAddress("10.0.0.5").primary(true).build()).build())
        .userData("IyEvYmluL3NoCg==").clientToken("token-1").build();

    RunInstancesResponse response = ec2.runInstances(request);

    assertThat(CAPTOR.last()).isEqualTo(request);
    SdkAssert.assertSameFields(response, runResponse());
  }

  @Test void createVpc_serviceError_surfacesCodeStatusAndMessage() {
    Ec2Exception e = catchThrowableOfType(Ec2Exception.class, () -> ec2.createVpc(b -> b.cidrBlock("10.0.0.0/33")));

    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    assertThat(e.awsErrorDetails().errorMessage()).startsWith("Value (10.0.0.0/33)");
    assertThat(e.requestId()).isNotBlank();
  }

  @Test void deleteVpc_noHandler_answers501NotImplemented() {
    AwsServiceException e = catchThrowableOfType(AwsServiceException.class, () -> ec2.deleteVpc(b -> b.vpcId("vpc-1")));

    assertThat(e.statusCode()).isEqualTo(501);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
    assertThat(e.awsErrorDetails().errorMessage()).contains("DeleteVpc");
  }
}
