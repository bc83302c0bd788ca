package dev.stratus.elbv2.model;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A listener's rules ready to evaluate: the non-default rules by priority, then the default
 * actions (elbv2.md §1–2). Immutable; the data plane builds one per listener snapshot.
 */
public final class ListenerRules {
  private final List<Rule> rules;
  private final List<Action> defaultActions;

  public ListenerRules(List<Rule> rules, List<Action> defaultActions) {
    this.rules = rules.stream().sorted(Comparator.comparingInt(Rule::priority)).toList();
    this.defaultActions = List.copyOf(defaultActions);
  }

  /** The first rule whose conditions all match, by lowest priority; empty means the default rule. */
  public Optional<Rule> match(RequestView request) {
    for (Rule r : rules) {
      if (RuleMatcher.matches(r.conditions(), request)) return Optional.of(r);
    }
    return Optional.empty();
  }

  /** The terminal action (forward, redirect or fixed-response) that runs for {@code request}. */
  public Action terminalAction(RequestView request) {
    List<Action> actions = match(request).map(Rule::actions).orElse(defaultActions);
    return actions.stream().filter(Action::terminal)
        .max(Comparator.comparing(a -> a.order() == null ? Integer.MAX_VALUE : a.order()))
        .orElseThrow(() -> new IllegalStateException("a rule without a terminal action"));
  }
}
