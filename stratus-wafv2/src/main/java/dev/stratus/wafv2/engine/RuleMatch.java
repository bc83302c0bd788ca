package dev.stratus.wafv2.engine;

import java.util.Optional;

/**
 * One rule that matched during an evaluation, in order, for sampled requests, logs and metrics.
 *
 * @param webAclRule the web ACL rule's name (the rule-group reference for a rule inside a group)
 * @param ruleGroup the referenced rule group's name (managed: e.g. AWSManagedRulesCommonRuleSet)
 * @param ruleWithinGroup the rule inside the group that matched
 * @param action the action applied (COUNT when overridden)
 * @param overriddenAction the action the rule would have taken before an override
 */
public record RuleMatch(String webAclRule, Optional<String> ruleGroup, Optional<String> ruleWithinGroup,
    WafAction action, Optional<WafAction> overriddenAction) {}
