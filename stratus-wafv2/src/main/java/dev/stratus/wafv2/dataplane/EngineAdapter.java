package dev.stratus.wafv2.dataplane;

import dev.stratus.core.http.HttpRequestView;
import dev.stratus.wafv2.engine.CompiledWebAcl;
import dev.stratus.wafv2.engine.InspectionLimits;
import dev.stratus.wafv2.engine.WafAction;
import dev.stratus.wafv2.engine.WafEngine;
import dev.stratus.wafv2.engine.WafLookups;
import dev.stratus.wafv2.engine.WafResult;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.wafv2.model.IPSet;
import software.amazon.awssdk.services.wafv2.model.RegexPatternSet;
import software.amazon.awssdk.services.wafv2.model.RuleGroup;
import software.amazon.awssdk.services.wafv2.model.WebACL;

/** The rule engine ({@link WafEngine}) as the data plane's {@link AclEngine}. */
public final class EngineAdapter implements AclEngine {
  private final WafEngine engine;

  public EngineAdapter(WafEngine engine) { this.engine = engine; }

  @Override
  public Compiled compile(WebACL acl, References refs) {
    CompiledWebAcl compiled = engine.compile(acl, new WafLookups() {
      @Override public Optional<IPSet> ipSet(String arn) { return refs.ipSet(arn); }

      @Override public Optional<RegexPatternSet> regexPatternSet(String arn) { return refs.regexPatternSet(arn); }

      @Override public Optional<RuleGroup> ruleGroup(String arn) { return refs.ruleGroup(arn); }
    });
    return new Compiled() {
      @Override
      public Decision evaluate(HttpRequestView request, String resourceType) {
        WafResult r = compiled.evaluate(request, InspectionLimits.forResource(resourceType, acl.associationConfig()));
        return new Decision(r.action().awsName(), r.terminatingRule(), r.ruleWithinGroup(), r.labels(),
            r.insertedHeaders(), r.response().map(x -> new Response(x.status(), x.headers(), x.body())),
            r.matches().stream().map(m -> new Match(m.webAclRule(), m.ruleGroup(), m.ruleWithinGroup(),
                m.action().awsName(), m.overriddenAction().map(WafAction::awsName))).toList());
      }

      @Override
      public List<String> rateBasedManagedKeys(Optional<String> ruleGroupRuleName, String ruleName) {
        return compiled.rateBasedManagedKeys(ruleGroupRuleName, ruleName);
      }
    };
  }

  @Override
  public void forget(String webAclArn) { engine.forget(webAclArn); }
}
