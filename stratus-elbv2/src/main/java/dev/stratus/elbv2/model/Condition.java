package dev.stratus.elbv2.model;

import java.util.List;

/**
 * A rule condition, normalised from the API's legacy {@code Values} and the per-field configs.
 *
 * @param field {@code host-header}, {@code path-pattern}, {@code http-header},
 *     {@code http-request-method}, {@code query-string} or {@code source-ip}
 * @param values the values OR-ed (patterns, methods, CIDRs); empty for query-string
 * @param headerName for http-header only
 * @param queryValues for query-string only; a null key matches any key
 */
public record Condition(String field, List<String> values, String headerName, List<QueryValue> queryValues) {
  public Condition {
    values = values == null ? List.of() : List.copyOf(values);
    queryValues = queryValues == null ? List.of() : List.copyOf(queryValues);
  }

  public record QueryValue(String key, String value) {}

  /** How many values this condition contributes to a rule's limit of 5. */
  public int evaluations() { return field.equals("query-string") ? queryValues.size() : values.size(); }
}
