package dev.stratus.ec2;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Values at a member path of an SDK shape, e.g. {@code IpPermissionsEgress.UserIdGroupPairs.GroupId}
 * of a SecurityGroup: what a Describe* filter compares when AWS documents it as a field of the
 * response ({@code egress.ip-permission.group-id}). Lists along the path are flattened; an absent
 * member yields no value; booleans, numbers, enums and timestamps are compared as EC2 prints them.
 */
public final class SdkPaths {
  private SdkPaths() {}

  /**
   * Every value at {@code path} (member names as in the SDK model, dot-separated).
   *
   * @throws IllegalArgumentException when a segment names no member: a typo in a filter table
   *     must fail loudly, not match nothing
   */
  public static List<String> values(SdkPojo shape, String path) {
    List<Object> current = List.of(shape);
    for (String segment : path.split("\\.")) {
      List<Object> next = new ArrayList<>();
      for (Object o : current) {
        if (!(o instanceof SdkPojo pojo)) throw new IllegalArgumentException(path + ": " + segment + " is below a scalar");
        Object v = field(pojo, segment, path).getValueOrDefault(pojo);
        if (v instanceof Collection<?> c) next.addAll(c);
        else if (v != null) next.add(v);
      }
      current = next;
    }
    return current.stream().map(String::valueOf).toList();
  }

  private static SdkField<?> field(SdkPojo pojo, String member, String path) {
    for (SdkField<?> f : pojo.sdkFields()) {
      if (f.memberName().equals(member)) return f;
    }
    throw new IllegalArgumentException(path + ": " + pojo.getClass().getSimpleName() + " has no member " + member);
  }
}
