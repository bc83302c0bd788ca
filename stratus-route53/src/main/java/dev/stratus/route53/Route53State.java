package dev.stratus.route53;

import dev.stratus.core.ResourceIds;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Store;
import dev.stratus.core.store.Transaction;
import dev.stratus.route53.model.ChangeInfo;
import dev.stratus.route53.model.HealthCheck;
import dev.stratus.route53.model.HostedZone;
import dev.stratus.route53.model.Route53Tables;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What every Route 53 handler shares: the store, the clock, and look-ups that answer AWS's
 * "no such …" errors.
 */
final class Route53State {
  final Store store;
  final Clock clock;
  private final dev.stratus.core.Extensions extensions;

  Route53State(Store store, Clock clock) { this(store, clock, new dev.stratus.core.Extensions()); }

  Route53State(Store store, Clock clock, dev.stratus.core.Extensions extensions) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.extensions = Objects.requireNonNull(extensions, "extensions");
  }

  /**
   * Refuses a VPC that does not exist in the caller's account in the VPC's region, as AWS does for
   * a private zone's VPC (400 InvalidVPCId); checked only where EC2 runs in this Stratus.
   */
  void requireVpc(dev.stratus.core.RequestContext ctx, HostedZone.Vpc vpc) {
    extensions.find(dev.stratus.core.vpc.VpcLookup.class).ifPresent(lookup -> {
      if (lookup.vpc(ctx.accountId(), vpc.region(), vpc.vpcId()).isEmpty()) {
        throw Route53Errors.invalidVpcId("The VPC ID is invalid.");
      }
    });
  }

  /** The account's zone, or NoSuchHostedZone; {@code id} may carry the {@code /hostedzone/} prefix. */
  static HostedZone zone(ReadView view, String account, String id) {
    if (id == null || id.isEmpty()) throw Route53Errors.missing("hostedZoneId");
    String bare = Route53Shapes.zoneId(id);
    return view.get(Route53Tables.HOSTED_ZONES, account, bare).orElseThrow(() -> Route53Errors.noSuchHostedZone(bare));
  }

  static HealthCheck healthCheck(ReadView view, String account, String id) {
    if (id == null || id.isEmpty()) throw Route53Errors.missing("healthCheckId");
    return view.get(Route53Tables.HEALTH_CHECKS, account, id).orElseThrow(() -> Route53Errors.noSuchHealthCheck(id));
  }

  /** Records a new change, PENDING until {@link ChangeInfo#PROPAGATION_DELAY} has passed. */
  ChangeInfo recordChange(Transaction tx, String account, Optional<String> comment) {
    var change = new ChangeInfo(ResourceIds.upperAlnum("C", 20), clock.instant(), comment);
    tx.put(Route53Tables.CHANGES, account, change.id(), change);
    return change;
  }

  /** How many record sets a zone holds (HostedZone.ResourceRecordSetCount). */
  long recordCount(ReadView view, String zoneId) {
    return view.list(Route53Tables.RECORD_SETS, zoneId).size();
  }
}
