package dev.stratus.s3.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bucket policy, parsed once when put, and its evaluation for one request.
 *
 * <p>IAM's order (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
 * an explicit Deny in a matching statement wins; else an Allow grants; else the default: the
 * bucket owner's account may act (its identity policies are taken as allowing everything, as
 * Stratus has no IAM), every other principal is denied. Principals understood: {@code "*"},
 * {@code {"AWS": "*" | account id | arn:aws:iam::ACCOUNT:root}}, {@code {"Service": name}}.
 * Conditions understood: StringEquals, StringLike, ArnEquals, ArnLike (and their Not forms are
 * refused when put) on {@code aws:SourceArn}, {@code aws:SourceAccount}; a condition on any other
 * key fails closed: the statement does not match (so an Allow grants nothing).
 */
public record BucketPolicy(List<Statement> statements) {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One statement, with each list already normalised. */
  public record Statement(boolean allow, boolean anyPrincipal, List<String> awsPrincipals, List<String> services,
      List<String> actions, List<String> resources, List<Condition> conditions) {}

  /** One condition clause: operator, key (lower-cased), accepted values. */
  public record Condition(String operator, String key, List<String> values) {}

  /** What a policy decides for a request. */
  public enum Decision { ALLOW, DENY, DEFAULT }

  /**
   * Parses a policy document.
   *
   * @return the policy, or the reason it is malformed (AWS's MalformedPolicy message)
   */
  public static Parsed parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      return new Parsed(null, "Policies must be valid JSON and the first byte must be '{'");
    }
    if (root == null || !root.isObject()) return new Parsed(null, "Policies must be valid JSON and the first byte must be '{'");
    JsonNode st = root.get("Statement");
    if (st == null) return new Parsed(null, "Missing required field Statement");
    List<Statement> out = new ArrayList<>();
    for (JsonNode s : st.isArray() ? st : List.of(st)) {
      String effect = text(s.get("Effect"));
      if (!"Allow".equals(effect) && !"Deny".equals(effect)) return new Parsed(null, "Invalid effect: " + effect);
      JsonNode principal = s.get("Principal");
      if (principal == null) return new Parsed(null, "Missing required field Principal");
      boolean any = principal.isString() && principal.stringValue().equals("*");
      List<String> aws = strings(principal.get("AWS"));
      List<String> services = strings(principal.get("Service"));
      if (aws.contains("*")) any = true;
      List<String> actions = strings(s.get("Action"));
      if (actions.isEmpty()) return new Parsed(null, "Missing required field Action");
      for (String a : actions) {
        if (!a.equals("*") && !a.toLowerCase(Locale.ROOT).startsWith("s3:")) return new Parsed(null, "Policy has invalid action");
      }
      List<String> resources = strings(s.get("Resource"));
      if (resources.isEmpty()) return new Parsed(null, "Missing required field Resource");
      List<Condition> conditions = new ArrayList<>();
      JsonNode cond = s.get("Condition");
      if (cond != null && cond.isObject()) {
        for (Map.Entry<String, JsonNode> op : cond.properties()) {
          for (Map.Entry<String, JsonNode> kv : op.getValue().properties()) {
            conditions.add(new Condition(op.getKey(), kv.getKey().toLowerCase(Locale.ROOT), strings(kv.getValue())));
          }
        }
      }
      out.add(new Statement(effect.equals("Allow"), any, aws, services, actions, resources, conditions));
    }
    return new Parsed(new BucketPolicy(out), null);
  }

  /** A parse result: a policy or an error message. */
  public record Parsed(BucketPolicy policy, String error) {
    public Optional<String> failure() { return Optional.ofNullable(error); }
  }

  /**
   * @param action e.g. {@code s3:GetObject}
   * @param resource e.g. {@code arn:aws:s3:::bucket/key}
   */
  public Decision evaluate(Caller caller, String action, String resource) {
    boolean allowed = false;
    for (Statement s : statements) {
      if (!principalMatches(s, caller) || !anyMatches(s.actions(), action, true)
          || !anyMatches(s.resources(), resource, false) || !conditionsHold(s.conditions(), caller)) {
        continue;
      }
      if (!s.allow()) return Decision.DENY;
      allowed = true;
    }
    return allowed ? Decision.ALLOW : Decision.DEFAULT;
  }

  private static boolean principalMatches(Statement s, Caller caller) {
    return switch (caller) {
      case Caller.Anonymous a -> s.anyPrincipal();
      case Caller.Account acct -> s.anyPrincipal() || s.awsPrincipals().stream().anyMatch(p ->
          p.equals(acct.accountId()) || p.startsWith("arn:aws:iam::" + acct.accountId() + ":"));
      case Caller.Service svc -> s.anyPrincipal() || s.services().contains(svc.service());
    };
  }

  private static boolean conditionsHold(List<Condition> conditions, Caller caller) {
    for (Condition c : conditions) {
      String actual = switch (c.key()) {
        case "aws:sourcearn" -> caller instanceof Caller.Service s ? s.sourceArn() : null;
        case "aws:sourceaccount" -> caller instanceof Caller.Service s && s.sourceArn() != null
            ? accountOfArn(s.sourceArn()) : null;
        default -> null;
      };
      if (actual == null) return false;
      boolean like = c.operator().equals("StringLike") || c.operator().equals("ArnLike");
      boolean equals = c.operator().equals("StringEquals") || c.operator().equals("ArnEquals");
      if (!like && !equals) return false;
      boolean any = c.values().stream().anyMatch(v -> like ? glob(v, actual, false) : v.equals(actual));
      if (!any) return false;
    }
    return true;
  }

  private static String accountOfArn(String arn) {
    String[] parts = arn.split(":", 6);
    return parts.length > 4 ? parts[4] : null;
  }

  private static boolean anyMatches(List<String> patterns, String value, boolean ignoreCase) {
    for (String p : patterns) if (glob(p, value, ignoreCase)) return true;
    return false;
  }

  /** IAM's wildcards: {@code *} any run, {@code ?} one character. */
  static boolean glob(String pattern, String value, boolean ignoreCase) {
    String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
    String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
    int pi = 0, vi = 0, star = -1, mark = 0;
    while (vi < v.length()) {
      if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == v.charAt(vi))) { pi++; vi++; }
      else if (pi < p.length() && p.charAt(pi) == '*') { star = pi++; mark = vi; }
      else if (star >= 0) { pi = star + 1; vi = ++mark; }
      else return false;
    }
    while (pi < p.length() && p.charAt(pi) == '*') pi++;
    return pi == p.length();
  }

  private static String text(JsonNode n) { return n != null && n.isString() ? n.stringValue() : null; }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n == null) return out;
    if (n.isString()) out.add(n.stringValue());
    else if (n.isArray()) for (JsonNode e : n) if (e.isString()) out.add(e.stringValue());
    return out;
  }
}
