package dev.stratus.ec2.reachability;

import java.util.List;
import java.util.Objects;

/**
 * The result of one analysis: AWS's {@code NetworkInsightsAnalysis} findings. When a path is
 * found both hop lists are filled and there are no explanations; otherwise the hops show how far
 * the packet got and the explanations say what stopped it.
 *
 * @param networkPathFound whether the forward path and its return path both exist
 * @param forwardPathComponents the forward hops, in order
 * @param returnPathComponents the return hops, in order (empty when the forward path failed)
 * @param explanations what stopped the packet
 * @param warnings notes on assumptions the analysis made (unknown resources, defaults)
 */
public record ReachabilityVerdict(boolean networkPathFound, List<PathComponent> forwardPathComponents,
    List<PathComponent> returnPathComponents, List<Explanation> explanations, List<String> warnings) {
  public ReachabilityVerdict {
    forwardPathComponents = List.copyOf(forwardPathComponents);
    returnPathComponents = List.copyOf(returnPathComponents);
    explanations = List.copyOf(explanations);
    warnings = List.copyOf(warnings);
  }

  /** The ids of the forward hops, in order (handy for tests and summaries). */
  public List<String> forwardHopIds() {
    return forwardPathComponents.stream().map(c -> c.component().id()).toList();
  }

  /** The ids of the return hops, in order. */
  public List<String> returnHopIds() {
    return returnPathComponents.stream().map(c -> c.component().id()).toList();
  }

  /** The explanation codes, in order. */
  public List<ExplanationCode> explanationCodes() {
    return explanations.stream().map(Explanation::code).toList();
  }

  /** The path hop by hop, or what blocked it, in words a person reads. */
  public String toText() { return VerdictText.render(this); }

  /** Renders a verdict as text. */
  static final class VerdictText {
    private VerdictText() {}

    static String render(ReachabilityVerdict v) {
      StringBuilder sb = new StringBuilder();
      sb.append(v.networkPathFound ? "Reachable." : "Not reachable.").append('\n');
      appendHops(sb, "Forward path", v.forwardPathComponents);
      appendHops(sb, "Return path", v.returnPathComponents);
      for (Explanation e : v.explanations) {
        sb.append(e.onReturnPath() ? "Blocked on the return path at " : "Blocked at ")
            .append(e.component().type().awsType()).append(' ').append(e.component().id());
        e.direction().ifPresent(d -> sb.append(" (").append(d.wire()).append(')'));
        sb.append(": ").append(e.code().name()).append(" - ").append(e.detail()).append('\n');
        e.rule().ifPresent(r -> sb.append("    by ").append(r.describe()).append('\n'));
      }
      for (String w : v.warnings) sb.append("Note: ").append(w).append('\n');
      return sb.toString();
    }

    private static void appendHops(StringBuilder sb, String title, List<PathComponent> hops) {
      if (hops.isEmpty()) return;
      sb.append(title).append(":\n");
      for (PathComponent h : hops) {
        sb.append(String.format("  %2d. %-36s %s", h.sequenceNumber(), h.component().type().awsType(),
            h.component().id()));
        h.rule().ifPresent(r -> sb.append("  [").append(r.describe()).append(']'));
        if (!h.inboundHeader().equals(h.outboundHeader())) {
          sb.append("  {").append(h.inboundHeader()).append(" => ").append(h.outboundHeader()).append('}');
        }
        sb.append('\n');
      }
    }
  }
}
