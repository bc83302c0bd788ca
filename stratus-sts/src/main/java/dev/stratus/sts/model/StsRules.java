package dev.stratus.sts.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * AWS's parameter limits for GetSessionToken and AssumeRole, returning the violations in the
 * order AWS lists them ("Value 'x' at 'roleSessionName' failed to satisfy constraint: …").
 */
/*
 * Limits from the STS API reference (AssumeRole, GetSessionToken), 2011-06-15:
 *  - DurationSeconds: AssumeRole 900–43,200 s (default 3,600); GetSessionToken 900–129,600 s
 *    (default 43,200), but an account's root user gets at most 3,600 s: a longer request is
 *    silently shortened to one hour, not refused.
 *  - RoleArn: 20–2,048 characters; one that is not an IAM role ARN is "<arn> is invalid".
 *  - RoleSessionName: 2–64 characters of [\w+=,.@-].
 *  - Role chaining (AssumeRole signed with AssumeRole's credentials) is limited to one hour.
 * Stratus has no IAM roles, so a role's MaxSessionDuration (default one hour) is not checked:
 * any duration within the API's range is granted.
 */
public final class StsRules {
  /** Shortest session, 15 minutes, for every operation. */
  public static final int MIN_DURATION_SECONDS = 900;
  /** AssumeRole's longest session, 12 hours. */
  public static final int ASSUME_ROLE_MAX_SECONDS = 43_200;
  /** AssumeRole's session when DurationSeconds is absent, one hour. */
  public static final int ASSUME_ROLE_DEFAULT_SECONDS = 3_600;
  /** GetSessionToken's longest session, 36 hours. */
  public static final int SESSION_TOKEN_MAX_SECONDS = 129_600;
  /** GetSessionToken's session when DurationSeconds is absent, 12 hours. */
  public static final int SESSION_TOKEN_DEFAULT_SECONDS = 43_200;
  /** The root user's and a chained role's longest session, one hour. */
  public static final int ONE_HOUR = 3_600;

  private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");
  /** {@code arn:<partition>:iam::<account>:role/<path/>name}. */
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/(?:[^/]+/)*([\\w+=,.@-]{1,64})");

  private StsRules() {}

  /** A role ARN taken apart: its account and its name (the last path segment). */
  public record RoleArn(String arn, String account, String name) {}

  /** The violations of AssumeRole's members, in AWS's wording; empty when valid. */
  public static List<String> assumeRoleViolations(String roleArn, String sessionName, Integer durationSeconds) {
    List<String> out = new ArrayList<>();
    if (roleArn != null && roleArn.length() < 20) out.add(violation(roleArn, "roleArn", "Member must have length greater than or equal to 20"));
    if (roleArn != null && roleArn.length() > 2048) out.add(violation(roleArn, "roleArn", "Member must have length less than or equal to 2048"));
    if (sessionName != null) {
      if (!SESSION_NAME.matcher(sessionName).matches()) {
        out.add(violation(sessionName, "roleSessionName", "Member must satisfy regular expression pattern: [\\w+=,.@-]*"));
      }
      if (sessionName.length() < 2) out.add(violation(sessionName, "roleSessionName", "Member must have length greater than or equal to 2"));
      if (sessionName.length() > 64) out.add(violation(sessionName, "roleSessionName", "Member must have length less than or equal to 64"));
    }
    out.addAll(durationViolations(durationSeconds, ASSUME_ROLE_MAX_SECONDS));
    return out;
  }

  /** The violations of GetSessionToken's DurationSeconds; empty when valid. */
  public static List<String> sessionTokenViolations(Integer durationSeconds) {
    return durationViolations(durationSeconds, SESSION_TOKEN_MAX_SECONDS);
  }

  private static List<String> durationViolations(Integer seconds, int max) {
    if (seconds == null) return List.of();
    if (seconds < MIN_DURATION_SECONDS) {
      return List.of(violation(seconds.toString(), "durationSeconds", "Member must have value greater than or equal to " + MIN_DURATION_SECONDS));
    }
    if (seconds > max) {
      return List.of(violation(seconds.toString(), "durationSeconds", "Member must have value less than or equal to " + max));
    }
    return List.of();
  }

  /** The role ARN's account and name, when it is an IAM role ARN. */
  public static Optional<RoleArn> parseRoleArn(String arn) {
    var m = ROLE_ARN.matcher(arn);
    return m.matches() ? Optional.of(new RoleArn(arn, m.group(1), m.group(2))) : Optional.empty();
  }

  /** AWS's text for a list of violations: "N validation error(s) detected: a; b". */
  public static String message(List<String> violations) {
    return violations.size() + " validation error" + (violations.size() == 1 ? "" : "s") + " detected: "
        + String.join("; ", violations);
  }

  private static String violation(String value, String member, String constraint) {
    return "Value '" + value + "' at '" + member + "' failed to satisfy constraint: " + constraint;
  }
}
