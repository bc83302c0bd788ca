package dev.stratus.wafv2;

import java.util.List;
import java.util.function.ToIntFunction;
import software.amazon.awssdk.services.wafv2.model.FieldToMatch;
import software.amazon.awssdk.services.wafv2.model.PositionalConstraint;
import software.amazon.awssdk.services.wafv2.model.Rule;
import software.amazon.awssdk.services.wafv2.model.SensitivityLevel;
import software.amazon.awssdk.services.wafv2.model.Statement;
import software.amazon.awssdk.services.wafv2.model.TextTransformation;
import software.amazon.awssdk.services.wafv2.model.TextTransformationType;

/**
 * Web ACL capacity units as AWS prices statements (Developer Guide, each statement's "WCUs"):
 * the statement's base cost, doubled for a JSON body, +10 for all query arguments, +10 per text
 * transformation other than NONE; a rule group costs its declared capacity, a managed group its
 * published one.
 */
final class Capacity {
  /** WCU limits (wafv2.md §12): per web ACL and per rule group. */
  static final int WEB_ACL_MAX = 5_000;
  static final int RULE_GROUP_MAX = 1_500;

  private Capacity() {}

  /** @param ruleGroupCapacity the capacity of a referenced rule group, by ARN (unknown: 0) */
  static long of(List<Rule> rules, ToIntFunction<String> ruleGroupCapacity) {
    long total = 0;
    for (Rule r : rules) total += of(r.statement(), ruleGroupCapacity);
    return total;
  }

  static long of(Statement s, ToIntFunction<String> ruleGroupCapacity) {
    if (s == null) return 0;
    if (s.byteMatchStatement() != null) {
      var b = s.byteMatchStatement();
      int base = b.positionalConstraint() == PositionalConstraint.CONTAINS
          || b.positionalConstraint() == PositionalConstraint.CONTAINS_WORD ? 10 : 2;
      return field(base, b.fieldToMatch(), b.textTransformations());
    }
    if (s.sqliMatchStatement() != null) {
      var q = s.sqliMatchStatement();
      return field(q.sensitivityLevel() == SensitivityLevel.HIGH ? 30 : 20, q.fieldToMatch(), q.textTransformations());
    }
    if (s.xssMatchStatement() != null) {
      return field(40, s.xssMatchStatement().fieldToMatch(), s.xssMatchStatement().textTransformations());
    }
    if (s.sizeConstraintStatement() != null) {
      return field(1, s.sizeConstraintStatement().fieldToMatch(), s.sizeConstraintStatement().textTransformations());
    }
    if (s.regexPatternSetReferenceStatement() != null) {
      var r = s.regexPatternSetReferenceStatement();
      return field(25, r.fieldToMatch(), r.textTransformations());
    }
    if (s.regexMatchStatement() != null) {
      return field(3, s.regexMatchStatement().fieldToMatch(), s.regexMatchStatement().textTransformations());
    }
    if (s.geoMatchStatement() != null || s.ipSetReferenceStatement() != null || s.labelMatchStatement() != null
        || s.asnMatchStatement() != null) {
      return 1;
    }
    if (s.rateBasedStatement() != null) {
      return 2 + of(s.rateBasedStatement().scopeDownStatement(), ruleGroupCapacity);
    }
    if (s.andStatement() != null) return sum(s.andStatement().statements(), ruleGroupCapacity);
    if (s.orStatement() != null) return sum(s.orStatement().statements(), ruleGroupCapacity);
    if (s.notStatement() != null) return of(s.notStatement().statement(), ruleGroupCapacity);
    if (s.managedRuleGroupStatement() != null) {
      var m = s.managedRuleGroupStatement();
      int group = dev.stratus.wafv2.engine.ManagedRuleGroups.find(m.vendorName(), m.name())
          .map(g -> g.capacity().intValue()).orElse(0);
      return group + of(m.scopeDownStatement(), ruleGroupCapacity);
    }
    if (s.ruleGroupReferenceStatement() != null) {
      return ruleGroupCapacity.applyAsInt(s.ruleGroupReferenceStatement().arn());
    }
    return 0;
  }

  private static long sum(List<Statement> statements, ToIntFunction<String> ruleGroupCapacity) {
    long t = 0;
    for (Statement s : statements) t += of(s, ruleGroupCapacity);
    return t;
  }

  private static long field(int base, FieldToMatch field, List<TextTransformation> transformations) {
    long cost = base;
    if (field != null && field.jsonBody() != null) cost *= 2;
    if (field != null && field.allQueryArguments() != null) cost += 10;
    for (TextTransformation t : transformations) {
      if (t.type() != TextTransformationType.NONE) cost += 10;
    }
    return cost;
  }
}
