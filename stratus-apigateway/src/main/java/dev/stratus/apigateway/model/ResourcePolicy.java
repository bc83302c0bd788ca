package dev.stratus.apigateway.model;

import dev.stratus.core.net.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A REST API's resource policy as the data plane applies it to {@code execute-api:Invoke}: an
 * explicit Deny wins, else an Allow must match; conditions {@code IpAddress}/{@code NotIpAddress}
 * on {@code aws:SourceIp} and {@code StringEquals}/{@code StringNotEquals} on
 * {@code aws:SourceVpce}. Anything this class cannot read matches nothing (fails closed), so an
 * unreadable Allow never lets a request through. Parsed once per deployment.
 */
public final class ResourcePolicy {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The outcome, with AWS's explanation for a refusal. */
  public enum Decision { ALLOW, EXPLICIT_DENY, NO_ALLOW }

  private record Statement(boolean allow, List<String> actions, List<String> resources, JsonNode condition) {}

  private final List<Statement> statements;

  private ResourcePolicy(List<Statement> statements) { this.statements = statements; }

  /** The policy in {@code json}; an unparsable document allows nothing. */
  public static ResourcePolicy parse(String json) {
    List<Statement> out = new ArrayList<>();
    try {
      JsonNode root = JSON.readTree(json);
      JsonNode s = root.path("Statement");
      for (JsonNode st : s.isArray() ? s : JSON.createArrayNode().add(s)) {
        out.add(new Statement("Allow".equals(st.path("Effect").asString("")), strings(st.path("Action")),
            strings(st.path("Resource")), st.path("Condition")));
      }
    } catch (RuntimeException e) {
      return new ResourcePolicy(List.of());
    }
    return new ResourcePolicy(List.copyOf(out));
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n.isArray()) n.forEach(x -> out.add(x.asString()));
    else if (n.isString()) out.add(n.asString());
    return out;
  }

  /**
   * Decides for one request.
   *
   * @param methodArn {@code arn:aws:execute-api:{region}:{account}:{api}/{stage}/{METHOD}/{path}}
   * @param sourceVpce the VPC endpoint the request came through, or null
   */
  public Decision evaluate(String methodArn, String sourceIp, String sourceVpce) {
    boolean allow = false;
    for (Statement s : statements) {
      if (!matches(s.actions(), "execute-api:Invoke") || !matches(s.resources(), methodArn)) continue;
      if (!conditionHolds(s.condition(), sourceIp, sourceVpce)) continue;
      if (!s.allow()) return Decision.EXPLICIT_DENY;
      allow = true;
    }
    return allow ? Decision.ALLOW : Decision.NO_ALLOW;
  }

  private static boolean matches(List<String> patterns, String value) {
    for (String p : patterns) {
      // "execute-api:/stage/METHOD/path" is the console's shorthand for this API's own ARN.
      if (p.startsWith("execute-api:/")) p = "arn:aws:execute-api:*:*:*/" + p.substring("execute-api:/".length());
      if (p.equals("*") || value.matches("\\Q" + p.replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q") + "\\E")) return true;
    }
    return false;
  }

  private static boolean conditionHolds(JsonNode condition, String sourceIp, String sourceVpce) {
    if (condition == null || condition.isMissingNode() || condition.isEmpty()) return true;
    for (Map.Entry<String, JsonNode> op : condition.properties()) {
      for (Map.Entry<String, JsonNode> kv : op.getValue().properties()) {
        List<String> values = strings(kv.getValue());
        String key = kv.getKey().toLowerCase(java.util.Locale.ROOT);
        boolean holds = switch (op.getKey() + "|" + key) {
          case "IpAddress|aws:sourceip" -> inAny(values, sourceIp);
          case "NotIpAddress|aws:sourceip" -> !inAny(values, sourceIp);
          case "StringEquals|aws:sourcevpce" -> sourceVpce != null && values.contains(sourceVpce);
          case "StringNotEquals|aws:sourcevpce" -> sourceVpce == null || !values.contains(sourceVpce);
          default -> false; // an operator or key not understood: the statement does not apply (fail closed for Allow)
        };
        if (!holds) return false;
      }
    }
    return true;
  }

  private static boolean inAny(List<String> cidrs, String ip) {
    for (String c : cidrs) {
      var cidr = Cidr.tryParse(c.contains("/") ? c : c + (c.contains(":") ? "/128" : "/32"));
      if (cidr.isPresent() && cidr.get().containsAddress(ip)) return true;
    }
    return false;
  }
}
