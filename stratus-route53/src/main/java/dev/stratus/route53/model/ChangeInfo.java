package dev.stratus.route53.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A submitted change (a record change batch, or a zone creation/deletion/VPC association), as
 * GetChange reports it (route53.md §37).
 *
 * <p>Status is derived, not stored: a change is {@code PENDING} until the clock passes
 * {@code submittedAt + }{@link #PROPAGATION_DELAY}, then {@code INSYNC}. AWS says "generally
 * within 60 s"; Stratus applies every change to its data plane on commit, so the delay only
 * mimics AWS's observable sequence (the change response is always PENDING, a later GetChange
 * INSYNC) while keeping waiters such as {@code aws route53 wait resource-record-sets-changed}
 * fast.
 *
 * @param id the bare change id, {@code C} + upper-case letters and digits
 * @param submittedAt when the change was accepted
 * @param comment the change batch's comment, if any (≤256 chars)
 */
public record ChangeInfo(String id, Instant submittedAt, Optional<String> comment) {

  /** How long a change reports PENDING: 2 s (AWS: "generally within 60 seconds", §37). */
  public static final Duration PROPAGATION_DELAY = Duration.ofSeconds(2);

  public ChangeInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(submittedAt, "submittedAt");
    comment = Objects.requireNonNullElse(comment, Optional.empty());
  }

  /** The status at {@code now}: INSYNC once {@code now} is past the propagation delay. */
  public Status statusAt(Instant now) {
    return now.isBefore(submittedAt.plus(PROPAGATION_DELAY)) ? Status.PENDING : Status.INSYNC;
  }

  /** {@code ChangeStatus}; the constant name is the wire value. */
  public enum Status {
    /** The change is accepted but not yet on every authoritative server. */
    PENDING,
    /** Every authoritative server answers with the change. */
    INSYNC
  }
}
