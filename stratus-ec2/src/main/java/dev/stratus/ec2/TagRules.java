package dev.stratus.ec2;

import dev.stratus.core.AwsException;
import java.util.Optional;

/**
 * AWS's rules for EC2 tags, shared by every group's create calls (TagSpecifications) and
 * CreateTags. Pure: each check returns AWS's error for the first rule broken, or empty.
 */
public final class TagRules {
  private TagRules() {}

  /** A tag key: given, and not in the {@code aws:} namespace AWS keeps for itself. */
  public static Optional<AwsException> key(String key) {
    if (key == null) return Optional.of(Ec2Errors.invalidParameterValue("Tag keys must not be empty"));
    if (key.startsWith("aws:")) {
      return Optional.of(Ec2Errors.invalidParameterValue("Tag keys starting with 'aws:' are reserved for internal use"));
    }
    return Optional.empty();
  }

  /** A TagSpecification's resource type, when given: the type the operation creates. */
  public static Optional<AwsException> resourceType(String given, String created) {
    if (given == null || given.equals(created)) return Optional.empty();
    return Optional.of(Ec2Errors.invalidParameterValue("'" + given + "' is not a valid taggable resource type for this"
        + " operation."));
  }
}
