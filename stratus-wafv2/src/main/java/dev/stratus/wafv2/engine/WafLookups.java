package dev.stratus.wafv2.engine;

import java.util.Optional;
import software.amazon.awssdk.services.wafv2.model.IPSet;
import software.amazon.awssdk.services.wafv2.model.RegexPatternSet;
import software.amazon.awssdk.services.wafv2.model.RuleGroup;

/** The sets and groups a web ACL references by ARN, as the control plane holds them at compile time. */
public interface WafLookups {
  Optional<IPSet> ipSet(String arn);

  Optional<RegexPatternSet> regexPatternSet(String arn);

  Optional<RuleGroup> ruleGroup(String arn);

  /** Lookups that know nothing (a web ACL with references then fails to compile). */
  static WafLookups none() {
    return new WafLookups() {
      @Override public Optional<IPSet> ipSet(String arn) { return Optional.empty(); }

      @Override public Optional<RegexPatternSet> regexPatternSet(String arn) { return Optional.empty(); }

      @Override public Optional<RuleGroup> ruleGroup(String arn) { return Optional.empty(); }
    };
  }
}
