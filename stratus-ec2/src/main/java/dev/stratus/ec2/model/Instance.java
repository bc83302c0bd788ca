package dev.stratus.ec2.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An EC2 instance as a network endpoint only: an image id, a state, and its network
 * interfaces (the primary one carries its private and public addresses). No VM runs.
 *
 * @param state AWS's state name: {@code pending}, {@code running}, {@code stopping},
 *     {@code stopped}, {@code shutting-down}, {@code terminated}
 * @param keyName null when launched without a key pair
 */
public record Instance(String id, String reservationId, String imageId, String instanceType,
    String state, String subnetId, String vpcId, String availabilityZone, String primaryNetworkInterfaceId,
    List<String> networkInterfaceIds, String keyName, Instant launchTime, int amiLaunchIndex,
    String clientToken) {

  public Instance {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    networkInterfaceIds = List.copyOf(networkInterfaceIds);
  }

  /** AWS's numeric state code (low byte) for {@link #state}. */
  public static int stateCode(String state) {
    return switch (state) {
      case "pending" -> 0;
      case "running" -> 16;
      case "shutting-down" -> 32;
      case "terminated" -> 48;
      case "stopping" -> 64;
      case "stopped" -> 80;
      default -> throw new IllegalArgumentException("unknown instance state " + state);
    };
  }

  public Instance withState(String newState) {
    return new Instance(id, reservationId, imageId, instanceType, newState, subnetId, vpcId,
        availabilityZone, primaryNetworkInterfaceId, networkInterfaceIds, keyName, launchTime,
        amiLaunchIndex, clientToken);
  }

  public Instance withNetworkInterfaceIds(List<String> ids) {
    return new Instance(id, reservationId, imageId, instanceType, state, subnetId, vpcId, availabilityZone,
        primaryNetworkInterfaceId, ids, keyName, launchTime, amiLaunchIndex, clientToken);
  }
}
