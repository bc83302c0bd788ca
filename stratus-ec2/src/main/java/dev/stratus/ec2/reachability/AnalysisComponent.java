package dev.stratus.ec2.reachability;

import java.util.Objects;

/**
 * One resource on a path or named by an explanation: AWS's {@code AnalysisComponent} (id and
 * type; the ARN is built by whoever serves the API, which knows account and Region).
 *
 * @param id the resource id ({@code eni-…}, {@code sg-…}, …) or an address
 * @param type its kind
 */
public record AnalysisComponent(String id, ComponentType type) {
  public AnalysisComponent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
  }

  /** The component for an id, typed by its prefix. */
  public static AnalysisComponent of(String id) { return new AnalysisComponent(id, ComponentType.ofId(id)); }

  @Override
  public String toString() { return id; }
}
