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

  /** Every action of the rule that matches {@code request} (the default rule's when none does). */
  public List<Action> actions(RequestView request) {
    return match(request).map(Rule::actions).orElse(defaultActions);
  }

  /** The authenticate action that runs before the terminal one for {@code request}, if any. */
  public Optional<Action> authenticateAction(List<Action> actions) {
    for (Action a : actions) {   // a loop, not a stream: this runs for every request
      if (a.authenticate() != null) return Optional.of(a);
    }
    return Optional.empty();
  }

  /** Whether any rule of this listener authenticates (its node then answers /oauth2/idpresponse). */
  public boolean authenticates() {
    return defaultActions.stream().anyMatch(a -> a.authenticate() != null)
        || rules.stream().flatMap(r -> r.actions().stream()).anyMatch(a -> a.authenticate() != null);
  }

  /** Every authenticate action's configuration in this listener (the callback finds the login's among them). */
  public List<Action.Authenticate> authenticateConfigs() {
    return java.util.stream.Stream.concat(defaultActions.stream(), rules.stream().flatMap(r -> r.actions().stream()))
        .map(Action::authenticate).filter(java.util.Objects::nonNull).distinct().toList();
  }

  /** The first authenticate action of this listener (the callback's configuration). */
  public Optional<Action> anyAuthenticateAction() {
    return java.util.stream.Stream.concat(defaultActions.stream(), rules.stream().flatMap(r -> r.actions().stream()))
        .filter(a -> a.authenticate() != null).findFirst();
  }

  /** The terminal action (forward, redirect or fixed-response) that runs for {@code request}. */
  public Action terminalAction(RequestView request) {
    return terminal(actions(request));
  }

  /** The terminal action among {@code actions}. */
  public static Action terminal(List<Action> actions) {
    Action last = null;   // the terminal action with the highest order (no order counts as highest)
    for (Action a : actions) {
      if (a.terminal() && (last == null || orderOf(a) > orderOf(last))) last = a;
    }
    if (last == null) throw new IllegalStateException("a rule without a terminal action");
    return last;
  }

  private static int orderOf(Action a) {
    return a.order() == null ? Integer.MAX_VALUE : a.order();
  }
}
