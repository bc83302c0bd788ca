package dev.stratus.route53.model;

import dev.stratus.core.store.Table;

/**
 * Route 53's store tables. Account-wide resources are scoped by account id
 * ({@code RequestContext.globalScope()}); record sets are scoped by their bare hosted zone id, so
 * a data plane reads one zone's rows with {@code store.list(RECORD_SETS, zoneId)} and learns the
 * zones from {@code store.listAll(HOSTED_ZONES)}.
 */
public final class Route53Tables {
  /** Hosted zones; scope = account id, id = bare zone id. */
  public static final Table<HostedZone> HOSTED_ZONES = Table.of("route53.hosted_zone", HostedZone.class);
  /** Record sets; scope = bare zone id, id = {@link ResourceRecordSet.Key#storeId()}. */
  public static final Table<ResourceRecordSet> RECORD_SETS = Table.of("route53.record_set", ResourceRecordSet.class);
  /** Health checks; scope = account id, id = UUID. */
  public static final Table<HealthCheck> HEALTH_CHECKS = Table.of("route53.health_check", HealthCheck.class);
  /** CIDR collections; scope = account id, id = UUID. */
  public static final Table<CidrCollection> CIDR_COLLECTIONS = Table.of("route53.cidr_collection", CidrCollection.class);
  /** Reusable delegation sets; scope = account id, id = bare id. */
  public static final Table<DelegationSet> DELEGATION_SETS = Table.of("route53.delegation_set", DelegationSet.class);
  /** Submitted changes; scope = account id, id = bare change id. */
  public static final Table<ChangeInfo> CHANGES = Table.of("route53.change", ChangeInfo.class);
  /** Tags; scope = account id, id = {@link ResourceTags#storeId}. */
  public static final Table<ResourceTags> TAGS = Table.of("route53.tags", ResourceTags.class);

  private Route53Tables() {}
}
