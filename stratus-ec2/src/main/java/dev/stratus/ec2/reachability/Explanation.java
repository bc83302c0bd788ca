package dev.stratus.ec2.reachability;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a path stops: AWS's {@code Explanation} — the code, the direction, the blocking component,
 * the rule or route that stopped it, and related components (subnet, VPC, route table).
 *
 * @param code the explanation code
 * @param direction {@code ingress} or {@code egress} where a direction applies
 * @param component the blocking component
 * @param rule the rule or route that stopped the packet
 * @param related other components the explanation names (the NACL's subnet, the VPC, …)
 * @param onReturnPath whether the stop is on the return path
 * @param detail one sentence saying what happened, for people
 */
public record Explanation(ExplanationCode code, Optional<Direction> direction, AnalysisComponent component,
    Optional<AnalysisRule> rule, List<AnalysisComponent> related, boolean onReturnPath, String detail) {
  public Explanation {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(rule, "rule");
    related = List.copyOf(related);
    Objects.requireNonNull(detail, "detail");
  }

  /** A copy marked as found on the return path. */
  Explanation onReturn() { return new Explanation(code, direction, component, rule, related, true, detail); }

  /** {@code Direction} of an explanation. */
  public enum Direction {
    /** Traffic entering the component. */
    INGRESS("ingress"),
    /** Traffic leaving the component. */
    EGRESS("egress");

    private final String wire;

    Direction(String wire) { this.wire = wire; }

    /** The value AWS prints. */
    public String wire() { return wire; }
  }
}
