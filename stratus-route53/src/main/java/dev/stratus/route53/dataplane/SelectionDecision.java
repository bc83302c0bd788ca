package dev.stratus.route53.dataplane;

import dev.stratus.route53.model.ResourceRecordSet;
import java.util.List;
import java.util.Objects;

/**
 * What {@link RecordSelection} chose for one (name, type) group and why.
 *
 * @param chosen the record sets to answer with, in answer order; empty means "no answer" (NODATA)
 * @param reason a short explanation, e.g. "latency: eu-west-1 (12.3 ms), healthy"
 * @param clientSpecific whether the choice depended on the client's address or place (the ECS
 *     scope is then the client prefix, else 0)
 */
public record SelectionDecision(List<ResourceRecordSet> chosen, String reason, boolean clientSpecific) {
  public SelectionDecision {
    chosen = List.copyOf(chosen);
    Objects.requireNonNull(reason, "reason");
  }

  static SelectionDecision of(ResourceRecordSet chosen, String reason, boolean clientSpecific) {
    return new SelectionDecision(List.of(chosen), reason, clientSpecific);
  }

  static SelectionDecision none(String reason, boolean clientSpecific) {
    return new SelectionDecision(List.of(), reason, clientSpecific);
  }
}
