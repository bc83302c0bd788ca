package dev.stratus.sts;

import dev.stratus.core.AccessKeys;
import dev.stratus.core.RequestContext;
import dev.stratus.core.store.Store;
import dev.stratus.sts.model.CallerIdentity;
import dev.stratus.sts.model.StsRules;
import dev.stratus.sts.model.TemporaryCredentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.AssumedRoleUser;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.GetSessionTokenRequest;
import software.amazon.awssdk.services.sts.model.GetSessionTokenResponse;

/**
 * STS's caller-identity and credential operations. Issued credentials carry their account in
 * the {@code ASIA…} key id (see {@link AccessKeys}), so every Stratus service places a request
 * signed with them in the right account; the identity behind them is stored for
 * GetCallerIdentity.
 */
public final class StsOperations {
  private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private final Store store;

  public StsOperations(Store store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  public GetCallerIdentityResponse getCallerIdentity(RequestContext context, GetCallerIdentityRequest request) {
    CallerIdentity who = identity(context);
    return GetCallerIdentityResponse.builder().account(who.account()).arn(who.arn()).userId(who.userId()).build();
  }

  public GetSessionTokenResponse getSessionToken(RequestContext context, GetSessionTokenRequest request) {
    List<String> violations = StsRules.sessionTokenViolations(request.durationSeconds());
    if (!violations.isEmpty()) throw StsErrors.validation(violations);
    if (AccessKeys.isTemporary(context.accessKeyId())) throw StsErrors.sessionTokenWithSessionCredentials();
    CallerIdentity who = identity(context);
    int seconds = Optional.ofNullable(request.durationSeconds()).orElse(StsRules.SESSION_TOKEN_DEFAULT_SECONDS);
    // Every long-term key is a root user here, and AWS shortens a root user's session to one hour.
    seconds = Math.min(seconds, StsRules.ONE_HOUR);
    TemporaryCredentials issued = issue(who, context.receivedAt().plusSeconds(seconds), false);
    return GetSessionTokenResponse.builder().credentials(credentials(issued)).build();
  }

  public AssumeRoleResponse assumeRole(RequestContext context, AssumeRoleRequest request) {
    List<String> violations = StsRules.assumeRoleViolations(request.roleArn(), request.roleSessionName(), request.durationSeconds());
    if (!violations.isEmpty()) throw StsErrors.validation(violations);
    StsRules.RoleArn role = StsRules.parseRoleArn(request.roleArn())
        .orElseThrow(() -> StsErrors.invalidRoleArn(request.roleArn()));
    int seconds = Optional.ofNullable(request.durationSeconds()).orElse(StsRules.ASSUME_ROLE_DEFAULT_SECONDS);
    if (chained(context) && seconds > StsRules.ONE_HOUR) throw StsErrors.roleChainingLimit();
    String assumedRoleId = roleId(role.arn()) + ":" + request.roleSessionName();
    String arn = "arn:aws:sts::" + role.account() + ":assumed-role/" + role.name() + "/" + request.roleSessionName();
    TemporaryCredentials issued = issue(new CallerIdentity(role.account(), arn, assumedRoleId),
        context.receivedAt().plusSeconds(seconds), true);
    return AssumeRoleResponse.builder()
        .credentials(credentials(issued))
        .assumedRoleUser(AssumedRoleUser.builder().assumedRoleId(assumedRoleId).arn(arn).build())
        .packedPolicySize(request.policy() == null && !request.hasPolicyArns() ? null : 6)
        .sourceIdentity(request.sourceIdentity())
        .build();
  }

  /** Who signed: the identity STS issued the temporary key for, else the key's account root. */
  private CallerIdentity identity(RequestContext context) {
    return issued(context).map(TemporaryCredentials::identity)
        .orElseGet(() -> CallerIdentity.root(context.accountId()));
  }

  private Optional<TemporaryCredentials> issued(RequestContext context) {
    if (!AccessKeys.isTemporary(context.accessKeyId())) return Optional.empty();
    return store.get(TemporaryCredentials.TABLE, context.accountId(), context.accessKeyId());
  }

  private boolean chained(RequestContext context) {
    return issued(context).map(TemporaryCredentials::chained).orElse(false);
  }

  private TemporaryCredentials issue(CallerIdentity who, Instant expiration, boolean chained) {
    var issued = new TemporaryCredentials(AccessKeys.newTemporaryKeyId(who.account()),
        AccessKeys.random(BASE64, 40), "IQoJb3JpZ2luX2VjE" + AccessKeys.random(BASE64, 340),
        who, expiration.toEpochMilli(), chained);
    store.write(tx -> {
      tx.put(TemporaryCredentials.TABLE, who.account(), issued.accessKeyId(), issued);
      return null;
    });
    return issued;
  }

  private static Credentials credentials(TemporaryCredentials c) {
    return Credentials.builder().accessKeyId(c.accessKeyId()).secretAccessKey(c.secretAccessKey())
        .sessionToken(c.sessionToken()).expiration(Instant.ofEpochMilli(c.expirationEpochMillis())).build();
  }

  /** A role's unique id ({@code AROA} + 17 characters), the same for every session of one role ARN. */
  static String roleId(String roleArn) {
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(roleArn.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    var sb = new StringBuilder("AROA");
    for (int i = 0; i < 17; i++) sb.append(UPPER_ALNUM.charAt((digest[i] & 0xff) % UPPER_ALNUM.length()));
    return sb.toString();
  }
}
