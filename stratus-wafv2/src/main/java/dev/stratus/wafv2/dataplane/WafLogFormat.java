package dev.stratus.wafv2.dataplane;

import dev.stratus.core.http.HttpRequestView;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.wafv2.model.Filter;
import software.amazon.awssdk.services.wafv2.model.LoggingConfiguration;
import software.amazon.awssdk.services.wafv2.model.Rule;
import software.amazon.awssdk.services.wafv2.model.WebACL;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One request as an AWS WAF log line (Developer Guide, "Log fields for web ACL traffic"), with the
 * logging configuration's RedactedFields and LoggingFilter applied.
 */
final class WafLogFormat {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private WafLogFormat() {}

  /** Whether the LoggingFilter keeps this request (no filter: every request is logged). */
  static boolean keep(LoggingConfiguration config, AclEngine.Decision d) {
    var lf = config.loggingFilter();
    if (lf == null) return true;
    for (Filter f : lf.filters()) {
      var results = f.conditions().stream().map(c -> {
        if (c.actionCondition() != null) return c.actionCondition().actionAsString().equals(d.action())
            || (c.actionCondition().actionAsString().equals("COUNT")
                && d.matches().stream().anyMatch(m -> m.action().equals("COUNT")));
        if (c.labelNameCondition() != null) return d.labels().contains(c.labelNameCondition().labelName());
        return false;
      }).toList();
      boolean meets = f.requirementAsString().equals("MEETS_ALL") ? results.stream().allMatch(b -> b)
          : results.stream().anyMatch(b -> b);
      if (meets) return f.behaviorAsString().equals("KEEP");
    }
    return lf.defaultBehaviorAsString().equals("KEEP");
  }

  static String line(WebACL acl, LoggingConfiguration config, String sourceName, String sourceId,
      HttpRequestView request, AclEngine.Decision d, Instant now, String requestId) {
    Map<String, Rule> rules = acl.rules().stream().collect(Collectors.toMap(Rule::name, r -> r, (a, b) -> a));
    Set<String> redactedHeaders = config.redactedFields().stream().filter(f -> f.singleHeader() != null)
        .map(f -> f.singleHeader().name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    boolean redactUri = config.redactedFields().stream().anyMatch(f -> f.uriPath() != null);
    boolean redactQuery = config.redactedFields().stream().anyMatch(f -> f.queryString() != null);
    boolean redactMethod = config.redactedFields().stream().anyMatch(f -> f.method() != null);

    ObjectNode o = NODES.objectNode();
    o.put("timestamp", now.toEpochMilli());
    o.put("formatVersion", 1);
    o.put("webaclId", acl.arn());
    o.put("terminatingRuleId", d.terminatingRule());
    o.put("terminatingRuleType", ruleType(rules.get(d.terminatingRule())));
    o.put("action", d.action());
    o.set("terminatingRuleMatchDetails", NODES.arrayNode());
    o.put("httpSourceName", sourceName);
    o.put("httpSourceId", sourceId);
    ArrayNode groups = NODES.arrayNode();
    ArrayNode nonTerminating = NODES.arrayNode();
    for (var m : d.matches()) {
      if (m.ruleGroup().isPresent()) {
        ObjectNode g = NODES.objectNode();
        Rule ref = rules.get(m.webAclRule());
        boolean managed = ref != null && ref.statement() != null && ref.statement().managedRuleGroupStatement() != null;
        g.put("ruleGroupId", managed ? "AWS#" + m.ruleGroup().get() : m.ruleGroup().get());
        ObjectNode rule = NODES.objectNode();
        rule.put("ruleId", m.ruleWithinGroup().orElse(""));
        rule.put("action", m.action());
        m.overriddenAction().ifPresent(a -> rule.put("overriddenAction", a));
        if (m.action().equals("COUNT")) {
          g.putNull("terminatingRule");
          g.set("nonTerminatingMatchingRules", NODES.arrayNode().add(rule));
        } else {
          g.set("terminatingRule", rule);
          g.set("nonTerminatingMatchingRules", NODES.arrayNode());
        }
        g.putNull("excludedRules");
        groups.add(g);
      } else if (m.action().equals("COUNT")) {
        ObjectNode n = NODES.objectNode();
        n.put("ruleId", m.webAclRule());
        n.put("action", "COUNT");
        n.set("ruleMatchDetails", NODES.arrayNode());
        nonTerminating.add(n);
      }
    }
    o.set("ruleGroupList", groups);
    o.set("rateBasedRuleList", NODES.arrayNode());
    o.set("nonTerminatingMatchingRules", nonTerminating);
    if (d.insertedHeaders().isEmpty()) {
      o.putNull("requestHeadersInserted");
    } else {
      ArrayNode inserted = NODES.arrayNode();
      d.insertedHeaders().forEach((k, v) -> inserted.add(NODES.objectNode().put("name", k).put("value", v)));
      o.set("requestHeadersInserted", inserted);
    }
    if (d.response().isPresent()) o.put("responseCodeSent", d.response().get().status());
    else o.putNull("responseCodeSent");

    ObjectNode http = NODES.objectNode();
    http.put("clientIp", request.client().getAddress().getHostAddress());
    http.put("country", "-");
    ArrayNode headers = NODES.arrayNode();
    request.headers().forEach((name, values) -> values.forEach(v -> headers.add(NODES.objectNode()
        .put("name", name).put("value", redactedHeaders.contains(name) ? "REDACTED" : v))));
    http.set("headers", headers);
    String uri = request.uri();
    int q = uri.indexOf('?');
    http.put("uri", redactUri ? "REDACTED" : q < 0 ? uri : uri.substring(0, q));
    http.put("args", redactQuery ? "REDACTED" : q < 0 ? "" : uri.substring(q + 1));
    http.put("httpVersion", request.protocol());
    http.put("httpMethod", redactMethod ? "REDACTED" : request.method());
    http.put("requestId", requestId);
    o.set("httpRequest", http);
    if (!d.labels().isEmpty()) {
      ArrayNode labels = NODES.arrayNode();
      d.labels().forEach(l -> labels.add(NODES.objectNode().put("name", l)));
      o.set("labels", labels);
    }
    return MAPPER.writeValueAsString(o);
  }

  /** REGULAR, RATE_BASED, GROUP or MANAGED_RULE_GROUP (Default_Action: REGULAR). */
  private static String ruleType(Rule rule) {
    if (rule == null || rule.statement() == null) return "REGULAR";
    if (rule.statement().rateBasedStatement() != null) return "RATE_BASED";
    if (rule.statement().managedRuleGroupStatement() != null) return "MANAGED_RULE_GROUP";
    if (rule.statement().ruleGroupReferenceStatement() != null) return "GROUP";
    return "REGULAR";
  }
}
