package dev.stratus.lambda.model;

import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** A function's resource-based policy: its JSON form (GetPolicy, AddPermission) and who it lets invoke. */
public final class ResourcePolicy {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ResourcePolicy() {}

  /** The statement as AWS writes it in the policy document. */
  public static ObjectNode statementJson(PolicyStatement s) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("Sid", s.sid());
    n.put("Effect", "Allow");
    ObjectNode principal = n.putObject("Principal");
    String p = s.principal();
    if (p.equals("*")) {
      n.put("Principal", "*");
    } else if (p.matches("\\d{12}")) {
      principal.put("AWS", "arn:aws:iam::" + p + ":root");
    } else if (p.startsWith("arn:")) {
      principal.put("AWS", p);
    } else {
      principal.put("Service", p);
    }
    n.put("Action", s.action());
    n.put("Resource", s.resource());
    if (s.sourceArn() != null || s.sourceAccount() != null || s.principalOrgId() != null) {
      ObjectNode condition = n.putObject("Condition");
      if (s.sourceAccount() != null || s.principalOrgId() != null) {
        ObjectNode eq = condition.putObject("StringEquals");
        if (s.sourceAccount() != null) eq.put("AWS:SourceAccount", s.sourceAccount());
        if (s.principalOrgId() != null) eq.put("aws:PrincipalOrgID", s.principalOrgId());
      }
      if (s.sourceArn() != null) condition.putObject("ArnLike").put("AWS:SourceArn", s.sourceArn());
    }
    return n;
  }

  public static String statement(PolicyStatement s) { return JSON.writeValueAsString(statementJson(s)); }

  /** GetPolicy's document. */
  public static String document(List<PolicyStatement> statements) {
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    doc.put("Version", "2012-10-17");
    doc.put("Id", "default");
    var array = doc.putArray("Statement");
    statements.forEach(s -> array.add(statementJson(s)));
    return JSON.writeValueAsString(doc);
  }

  /**
   * Whether a statement lets service {@code principal} invoke the function on behalf of
   * {@code sourceArn}: Principal names the service (or {@code *}), Action covers
   * {@code lambda:InvokeFunction}, and the SourceArn (ArnLike) and SourceAccount conditions hold.
   */
  public static boolean allowsService(List<PolicyStatement> statements, String principal, String sourceArn) {
    String sourceAccount = accountOf(sourceArn);
    for (PolicyStatement s : statements) {
      if (!s.principal().equals(principal) && !s.principal().equals("*")) continue;
      if (!s.action().equals("lambda:InvokeFunction") && !s.action().equals("lambda:*") && !s.action().equals("*")) continue;
      if (s.sourceArn() != null && (sourceArn == null || !arnLike(s.sourceArn(), sourceArn))) continue;
      if (s.sourceAccount() != null && !s.sourceAccount().equals(sourceAccount)) continue;
      return true;
    }
    return false;
  }

  /** IAM's ArnLike: {@code *} and {@code ?} wildcards, each of the six parts matched on its own. */
  public static boolean arnLike(String pattern, String arn) {
    String[] p = pattern.split(":", 6);
    String[] a = arn.split(":", 6);
    if (p.length != a.length) return false;
    for (int i = 0; i < p.length; i++) {
      if (!glob(p[i]).matcher(a[i]).matches()) return false;
    }
    return true;
  }

  private static Pattern glob(String pattern) {
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      if (c == '*') re.append(".*");
      else if (c == '?') re.append('.');
      else re.append(Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  private static String accountOf(String arn) {
    if (arn == null) return null;
    String[] parts = arn.split(":", 6);
    return parts.length >= 5 && !parts[4].isEmpty() ? parts[4] : null;
  }
}
