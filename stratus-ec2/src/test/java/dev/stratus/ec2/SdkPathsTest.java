package dev.stratus.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

class SdkPathsTest {
  static final SecurityGroup GROUP = SecurityGroup.builder().groupId("sg-1")
      .ipPermissionsEgress(IpPermission.builder().ipProtocol("tcp").fromPort(443).toPort(443)
              .userIdGroupPairs(p -> p.groupId("sg-2").userId("111122223333"), p -> p.groupId("sg-3")).build(),
          IpPermission.builder().ipProtocol("-1").build())
      .build();

  @Test
  void values_listsAlongThePath_areFlattened() {
    assertThat(SdkPaths.values(GROUP, "IpPermissionsEgress.UserIdGroupPairs.GroupId")).containsExactly("sg-2", "sg-3");
    assertThat(SdkPaths.values(GROUP, "IpPermissionsEgress.FromPort")).containsExactly("443");
    assertThat(SdkPaths.values(GROUP, "IpPermissionsEgress.IpProtocol")).containsExactly("tcp", "-1");
  }

  @Test
  void values_absentMember_isNoValue() {
    assertThat(SdkPaths.values(GROUP, "IpPermissions.Ipv6Ranges.CidrIpv6")).isEmpty();
    assertThat(SdkPaths.values(GROUP, "Description")).isEmpty();
  }

  @Test
  void values_unknownMember_failsLoudly() {
    assertThatThrownBy(() -> SdkPaths.values(GROUP, "IpPermissionsEgress.GroupIds"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no member GroupIds");
  }
}
