package dev.stratus.core.vpc;

import java.util.Objects;

/**
 * Whether the VPC model lets a packet go from a source to an EC2 instance on a port and back:
 * the Reachability Analyzer's verdict (security groups both ways, network ACLs, routes), asked
 * by data planes that carry traffic into a VPC (an ELB node's network interface to an instance
 * target). Provided by the EC2 module through {@link dev.stratus.core.Extensions}.
 */
public interface PathCheck {

  /**
   * The analyzer's answer.
   *
   * @param explanation empty when reachable; otherwise the first explanation code and the
   *     component that blocks ({@code ENI_SG_RULES_MISMATCH sg-0abc (ingress)}), for logs
   */
  record Verdict(boolean reachable, String explanation) {
    public static final Verdict REACHABLE = new Verdict(true, "");

    public Verdict { Objects.requireNonNull(explanation, "explanation"); }
  }

  /**
   * The verdict for {@code protocol} traffic from {@code source} (a network interface id, or an
   * address of one) to {@code targetInstanceId} on {@code port}. Cheap when nothing changed since
   * the last call with the same arguments (implementations cache per network state).
   *
   * @param protocol {@code tcp} or {@code udp}
   * @throws IllegalArgumentException when the source or instance is not in the account's network
   */
  Verdict verdict(String accountId, String region, String source, String targetInstanceId, String protocol, int port);
}
