package dev.stratus.ec2.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse;
import software.amazon.awssdk.services.ec2.model.Explanation;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAnalysis;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Vpc;

class CliJsonTest {

  @Test
  void write_describeVpcs_usesTheCliMemberNames() {
    var r = DescribeVpcsResponse.builder().vpcs(Vpc.builder().vpcId("vpc-1").cidrBlock("10.0.0.0/16").isDefault(false)
        .tags(Tag.builder().key("Name").value("a").build()).build()).build();
    String json = CliJson.write(r).toString();
    assertThat(json).isEqualTo("{\"Vpcs\":[{\"IsDefault\":false,\"Tags\":[{\"Key\":\"Name\",\"Value\":\"a\"}],"
        + "\"VpcId\":\"vpc-1\",\"CidrBlock\":\"10.0.0.0/16\"}]}");
  }

  @Test
  void read_whatWriteWrote_equalsTheOriginal() {
    var a = NetworkInsightsAnalysis.builder().networkInsightsAnalysisId("nia-1").networkPathFound(false)
        .startDate(Instant.parse("2026-11-22T08:00:00Z"))
        .explanations(Explanation.builder().explanationCode("ENI_SG_RULES_MISMATCH").direction("ingress").build())
        .build();
    assertThat(CliJson.read(CliJson.write(a), NetworkInsightsAnalysis.class)).isEqualTo(a);
  }
}
