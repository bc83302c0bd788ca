package dev.stratus.wafv2;

import dev.stratus.core.store.ReadView;
import dev.stratus.wafv2.model.WafScope;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.wafv2.model.DefaultAction;
import software.amazon.awssdk.services.wafv2.model.Rule;
import software.amazon.awssdk.services.wafv2.model.RuleGroup;
import software.amazon.awssdk.services.wafv2.model.Statement;

/**
 * What AWS checks in the rules of a web ACL or rule group before it stores them: unique names and
 * priorities, exactly one statement and one action of the right kind, rule-group statements only
 * at the top of a web ACL, references to IP sets, regex pattern sets and rule groups that exist in
 * the same scope, managed groups that exist, rate limits in range (wafv2.md §A, §B).
 */
final class RuleChecks {
  /** RateBasedStatement Limit range (API model 2026) and windows. */
  static final long RATE_MIN = 10, RATE_MAX = 2_000_000_000L;
  static final Set<Long> RATE_WINDOWS = Set.of(60L, 120L, 300L, 600L);
  /** Rate-based rules per web ACL or rule group (quota, wafv2.md §9). */
  static final int MAX_RATE_BASED_RULES = 10;
  /** Metric names CloudWatch reserves for totals and the default action (wafv2.md §15). */
  static final Set<String> RESERVED_METRIC_NAMES = Set.of("ALL", "Default_Action");

  private RuleChecks() {}

  static void defaultAction(DefaultAction a) {
    if (a == null || (a.allow() == null) == (a.block() == null)) {
      throw WafErrors.exactlyOne("DEFAULT_ACTION", a == null ? "null" : a.toString());
    }
  }

  /**
   * @param view where referenced resources are looked up (the write's transaction)
   * @param storeScope the scope the referenced resources must live in
   */
  static void rules(List<Rule> rules, boolean inWebAcl, ReadView view, String storeScope) {
    Set<String> names = new HashSet<>();
    Set<Integer> priorities = new HashSet<>();
    long rateBased = rules.stream().filter(r -> r.statement() != null && r.statement().rateBasedStatement() != null).count();
    if (rateBased > MAX_RATE_BASED_RULES) throw WafErrors.limitsExceeded();
    for (Rule r : rules) {
      if (r.visibilityConfig() != null && RESERVED_METRIC_NAMES.contains(r.visibilityConfig().metricName())) {
        throw WafErrors.invalid("The metric name is reserved.", "METRIC_NAME", r.visibilityConfig().metricName());
      }
      if (!names.add(r.name())) throw WafErrors.duplicateItem();
      if (!priorities.add(r.priority())) {
        throw WafErrors.invalid("A rule priority is duplicated; each rule needs a unique priority.", "RULE",
            String.valueOf(r.priority()));
      }
      Statement s = r.statement();
      boolean groupStatement = s != null && (s.managedRuleGroupStatement() != null || s.ruleGroupReferenceStatement() != null);
      if (groupStatement && !inWebAcl) {
        throw WafErrors.invalid("A rule group can't contain a rule group or managed rule group statement.",
            s.managedRuleGroupStatement() != null ? "MANAGED_RULE_SET_STATEMENT" : "RULE_GROUP_REFERENCE_STATEMENT",
            r.name());
      }
      if (groupStatement) {
        if (r.action() != null || r.overrideAction() == null || members(r.overrideAction()) != 1) {
          throw WafErrors.exactlyOne("OVERRIDE_ACTION", r.overrideAction());
        }
      } else {
        if (r.overrideAction() != null) {
          throw WafErrors.invalid("You can only use an override action on rules with rule group statements.",
              "OVERRIDE_ACTION", r.name());
        }
        if (r.action() == null || members(r.action()) != 1) throw WafErrors.exactlyOne("RULE_ACTION", r.action());
      }
      statement(s, true, view, storeScope);
    }
  }

  private static void statement(Statement s, boolean top, ReadView view, String storeScope) {
    if (s == null || members(s) != 1) throw WafErrors.exactlyOne("RULE", s);
    if (s.andStatement() != null) {
      nested(s.andStatement().statements(), "AND_STATEMENT", view, storeScope);
    } else if (s.orStatement() != null) {
      nested(s.orStatement().statements(), "OR_STATEMENT", view, storeScope);
    } else if (s.notStatement() != null) {
      nested(List.of(s.notStatement().statement()), "NOT_STATEMENT", view, storeScope);
    } else if (s.rateBasedStatement() != null) {
      var rb = s.rateBasedStatement();
      if (rb.limit() == null || rb.limit() < RATE_MIN || rb.limit() > RATE_MAX) {
        throw WafErrors.invalid("The parameter is not valid.", "RATE_BASED_STATEMENT", String.valueOf(rb.limit()));
      }
      if (rb.evaluationWindowSec() != null && !RATE_WINDOWS.contains(rb.evaluationWindowSec())) {
        throw WafErrors.invalid("The parameter is not valid.", "RATE_BASED_STATEMENT", String.valueOf(rb.evaluationWindowSec()));
      }
      if (rb.scopeDownStatement() != null) statement(rb.scopeDownStatement(), false, view, storeScope);
    } else if (s.ipSetReferenceStatement() != null) {
      reference(s.ipSetReferenceStatement().arn(), Resources.Kind.IP_SET, "IP_SET_REFERENCE_STATEMENT", view, storeScope);
    } else if (s.regexPatternSetReferenceStatement() != null) {
      reference(s.regexPatternSetReferenceStatement().arn(), Resources.Kind.REGEX_PATTERN_SET,
          "REGEX_PATTERN_SET", view, storeScope);
    } else if (s.ruleGroupReferenceStatement() != null) {
      if (!top) throw nestedGroup("RULE_GROUP_REFERENCE_STATEMENT");
      reference(s.ruleGroupReferenceStatement().arn(), Resources.Kind.RULE_GROUP, "RULE_GROUP_REFERENCE_STATEMENT",
          view, storeScope);
      var ruleNames = Resources.byArn(view, s.ruleGroupReferenceStatement().arn())
          .map(e -> SdkJson.read(e.document(), RuleGroup.builder()).rules().stream().map(Rule::name).toList())
          .orElse(List.of());
      for (var o : s.ruleGroupReferenceStatement().ruleActionOverrides()) {
        // Unlike a managed group's, your own group's override must name one of its rules.
        if (!ruleNames.contains(o.name())) throw WafErrors.invalid("The parameter is not valid.", "RULE", o.name());
      }
    } else if (s.managedRuleGroupStatement() != null) {
      if (!top) throw nestedGroup("MANAGED_RULE_SET_STATEMENT");
      var m = s.managedRuleGroupStatement();
      var group = dev.stratus.wafv2.engine.ManagedRuleGroups.offering(m.vendorName(), m.name())
          .orElseThrow(WafErrors::nonexistentItem);
      if (!group.hasVersion(m.version())) throw WafErrors.nonexistentItem();
      if (m.scopeDownStatement() != null) statement(m.scopeDownStatement(), false, view, storeScope);
    }
  }

  private static void nested(List<Statement> statements, String field, ReadView view, String storeScope) {
    if (field.equals("NOT_STATEMENT") ? statements.size() != 1 : statements.size() < 2) {
      throw WafErrors.invalid("The parameter is not valid.", field, String.valueOf(statements.size()));
    }
    for (Statement n : statements) statement(n, false, view, storeScope);
  }

  private static RuntimeException nestedGroup(String field) {
    return WafErrors.invalid("A rule group statement can only be a top-level statement of a web ACL rule.", field, "Statement");
  }

  private static void reference(String arn, Resources.Kind kind, String field, ReadView view, String storeScope) {
    if (arn == null || WafScope.storeScopeOfArn(arn) == null || Resources.Kind.ofArn(arn) != kind) {
      throw WafErrors.invalidArn(field, String.valueOf(arn));
    }
    if (!storeScope.equals(WafScope.storeScopeOfArn(arn)) || Resources.byArn(view, arn).isEmpty()) {
      throw WafErrors.nonexistentItem();
    }
  }

  /** How many members of a union-like shape (an action, a statement) are set. */
  static int members(SdkPojo pojo) {
    int n = 0;
    for (SdkField<?> f : pojo.sdkFields()) {
      Object v = f.getValueOrDefault(pojo);
      if (v != null && !(v instanceof software.amazon.awssdk.core.util.SdkAutoConstructList<?>)) n++;
    }
    return n;
  }
}
