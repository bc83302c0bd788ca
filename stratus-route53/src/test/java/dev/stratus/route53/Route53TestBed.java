package dev.stratus.route53;

import dev.stratus.core.testing.MutableClock;

import dev.stratus.core.RequestContext;
import dev.stratus.core.store.MemoryStore;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeBatch;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.CreateHostedZoneRequest;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** Every Route 53 handler over a MemoryStore and a clock the test moves, plus request helpers. */
final class Route53TestBed {
  final MemoryStore store = new MemoryStore();
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final RequestContext ctx = new RequestContext("000000000000", "us-east-1", "req-1", Instant.EPOCH);
  final Route53State state = new Route53State(store, clock);
  final HostedZoneOperations zones = new HostedZoneOperations(state);
  final VpcAssociationOperations vpcs = new VpcAssociationOperations(state);
  final ZoneListingOperations listings = new ZoneListingOperations(state);
  final RecordSetOperations records = new RecordSetOperations(state, name -> true);
  HealthStatusSource status = HealthStatusSource.NO_OBSERVATIONS;
  final HealthCheckOperations healthChecks = new HealthCheckOperations(state, () -> status);
  final CidrCollectionOperations cidr = new CidrCollectionOperations(state);
  final DelegationSetOperations delegationSets = new DelegationSetOperations(state);
  final TagOperations tags = new TagOperations(state);
  final GeoLocationOperations geo = new GeoLocationOperations();
  final LimitOperations limits = new LimitOperations(state);
  private int references;

  /** Creates a public zone and returns its id as AWS returns it ({@code /hostedzone/Z…}). */
  String zone(String name) {
    return zones.createHostedZone(ctx, CreateHostedZoneRequest.builder().name(name).callerReference("ref-" + references++)
        .build()).hostedZone().id();
  }

  ChangeResourceRecordSetsResponse change(String zoneId, Change... changes) {
    return records.changeResourceRecordSets(ctx, ChangeResourceRecordSetsRequest.builder().hostedZoneId(zoneId)
        .changeBatch(ChangeBatch.builder().changes(changes).build()).build());
  }

  static Change change(ChangeAction action, ResourceRecordSet rrs) {
    return Change.builder().action(action).resourceRecordSet(rrs).build();
  }

  static ResourceRecordSet.Builder a(String name, long ttl, String... values) {
    return ResourceRecordSet.builder().name(name).type("A").ttl(ttl)
        .resourceRecords(List.of(values).stream().map(v -> ResourceRecord.builder().value(v).build()).toList());
  }
}
