package dev.stratus.wafv2;

import dev.stratus.core.store.ReadView;
import dev.stratus.wafv2.model.WafEntity;
import java.util.List;
import software.amazon.awssdk.services.wafv2.model.Rule;
import software.amazon.awssdk.services.wafv2.model.RuleGroup;
import software.amazon.awssdk.services.wafv2.model.Statement;
import software.amazon.awssdk.services.wafv2.model.WebACL;

/** Which web ACLs and rule groups reference a set or group: AWS refuses to delete one in use. */
final class References {
  private References() {}

  static void refuseIfReferenced(ReadView view, String storeScope, String arn) {
    for (WafEntity acl : view.list(WafEntity.WEB_ACLS, storeScope)) {
      if (mentions(SdkJson.read(acl.document(), WebACL.builder()).rules(), arn)) throw WafErrors.associatedItem();
    }
    for (WafEntity g : view.list(WafEntity.RULE_GROUPS, storeScope)) {
      if (mentions(SdkJson.read(g.document(), RuleGroup.builder()).rules(), arn)) throw WafErrors.associatedItem();
    }
  }

  static boolean mentions(List<Rule> rules, String arn) {
    return rules.stream().anyMatch(r -> mentions(r.statement(), arn));
  }

  /** Every ARN a statement tree references (IP sets, regex pattern sets, rule groups). */
  static void arns(Statement s, java.util.function.Consumer<String> out) {
    if (s == null) return;
    if (s.ipSetReferenceStatement() != null) out.accept(s.ipSetReferenceStatement().arn());
    if (s.regexPatternSetReferenceStatement() != null) out.accept(s.regexPatternSetReferenceStatement().arn());
    if (s.ruleGroupReferenceStatement() != null) out.accept(s.ruleGroupReferenceStatement().arn());
    if (s.andStatement() != null) s.andStatement().statements().forEach(n -> arns(n, out));
    if (s.orStatement() != null) s.orStatement().statements().forEach(n -> arns(n, out));
    if (s.notStatement() != null) arns(s.notStatement().statement(), out);
    if (s.rateBasedStatement() != null) arns(s.rateBasedStatement().scopeDownStatement(), out);
    if (s.managedRuleGroupStatement() != null) arns(s.managedRuleGroupStatement().scopeDownStatement(), out);
  }

  private static boolean mentions(Statement s, String arn) {
    var found = new boolean[1];
    arns(s, a -> found[0] |= arn.equals(a));
    return found[0];
  }
}
