package dev.stratus.ec2.reachability;

import java.util.Objects;

/**
 * One configuration problem {@link NetworkAudit} found: what, where, how bad, and how to fix it.
 *
 * @param type the kind of problem
 * @param severity how bad it is
 * @param resourceId the resource to change
 * @param region its Region
 * @param message what is wrong, in words
 * @param fix what to do, in words
 */
public record Finding(Type type, Severity severity, String resourceId, String region, String message, String fix) {
  public Finding {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(resourceId, "resourceId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(fix, "fix");
  }

  /** How bad a finding is. */
  public enum Severity {
    /** Exposes or joins what should be separate (open admin ports, joined environments). */
    HIGH,
    /** Breaks something that is configured to work (a blackhole, private DNS that cannot resolve). */
    MEDIUM,
    /** Worth a look; may be intended (a deliberate transit gateway blackhole). */
    LOW
  }

  /** The kinds of findings. */
  public enum Type {
    /** A transit gateway route table both serves and learns from attachments of different environments (vpc.md §30–31). */
    TGW_ROUTE_TABLE_JOINS_ENVIRONMENTS,
    /** An interface endpoint has private DNS on in a VPC without DNS support or DNS hostnames (vpc.md §39). */
    ENDPOINT_PRIVATE_DNS_WITHOUT_VPC_DNS,
    /** A VPC route's target is gone (vpc.md §11). */
    VPC_BLACKHOLE_ROUTE,
    /** A transit gateway route drops traffic (vpc.md §32). */
    TGW_BLACKHOLE_ROUTE,
    /** A security group admits the whole internet on an administration or database port (vpc.md §15). */
    SECURITY_GROUP_OPEN_ADMIN_PORT,
    /**
     * A PRIMARY failover record's health check only asks for {@code /} (or only opens a TCP
     * connection), which keeps answering while the application is degraded, so failover never
     * triggers (seed 001, failure case 4; route53.md §7).
     */
    ROUTE53_FAILOVER_SHALLOW_HEALTH_CHECK
  }

  /** One line for people. */
  public String toText() {
    return severity + " " + type + " " + resourceId + " (" + region + "): " + message + " Fix: " + fix;
  }
}
