package dev.stratus.elbv2.model;

import dev.stratus.core.store.Table;
import java.util.List;
import java.util.Objects;

/** A non-default listener rule: a priority (1–50000, unique per listener), conditions (AND) and actions. */
public record Rule(String arn, String listenerArn, int priority, List<Condition> conditions, List<Action> actions) {

  public static final Table<Rule> TABLE = Table.of("elbv2.rule", Rule.class);

  public Rule {
    Objects.requireNonNull(arn, "arn");
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
    actions = actions == null ? List.of() : List.copyOf(actions);
  }

  public Rule withPriority(int p) { return new Rule(arn, listenerArn, p, conditions, actions); }
}
