package dev.stratus.ec2.vpc;

import dev.stratus.core.store.ChangeEvent;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.vpc.ResolverFacts.EndpointDns;
import dev.stratus.core.vpc.ResolverFacts.VpcDns;
import dev.stratus.core.vpc.ResolverFacts;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.interfaces.Interfaces;
import dev.stratus.ec2.model.Instance;
import dev.stratus.ec2.model.NetworkInterface;
import dev.stratus.ec2.model.RegionCatalog;
import dev.stratus.ec2.model.ResourceTags;
import dev.stratus.ec2.model.Subnet;
import dev.stratus.ec2.model.Vpc;
import dev.stratus.ec2.model.VpcEndpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** EC2's side of {@link ResolverFacts}: the VPCs a local user can ask as, read from committed state. */
final class ResolverFactsReader {

  /*
   * The reader serves every account and Region at once and the store lists rows without their
   * scope, so rows are joined by id (ids are unique across scopes) and a VPC's Region is read
   * from the availability zone of its subnets. It starts from the tags: with no stratus:host or
   * stratus:resolver tag anywhere (the usual case) only the tag table is read.
   */

  /** The tables whose rows make up the facts. */
  private static final Set<String> TABLES = Set.of(Ec2Tables.TAGS.name(), Ec2Tables.INSTANCE.name(),
      Ec2Tables.VPC.name(), Ec2Tables.NETWORK_INTERFACE.name(), Ec2Tables.SUBNET.name(), Ec2Tables.VPC_ENDPOINT.name());

  private static final Map<String, String> REGION_OF_ZONE = zones();

  /** Whether the last read found a VPC to ask as: until one is tagged, only tag changes matter. */
  private volatile boolean askable = true;

  /**
   * A change of a tag named stratus:host or stratus:resolver, or, while some VPC is askable, of a
   * row of the tables the facts come from. An account without those tags (the benchmarks' 5,000
   * VPCs) never makes the resolver re-read.
   */
  boolean affects(ChangeEvent change) {
    if (change.table().name().equals(Ec2Tables.TAGS.name())) {
      return stratusTag(change.before()) || stratusTag(change.after());
    }
    return askable && TABLES.contains(change.table().name());
  }

  private static boolean stratusTag(Optional<Object> row) {
    return row.filter(ResourceTags.class::isInstance).map(ResourceTags.class::cast)
        .map(t -> t.tags().containsKey(ResolverFacts.HOST_TAG) || t.tags().containsKey(ResolverFacts.RESOLVER_TAG))
        .orElse(false);
  }

  ResolverFacts read(ReadView view) {
    ResolverFacts facts = readFacts(view);
    askable = !facts.vpcs().isEmpty();
    return facts;
  }

  private static ResolverFacts readFacts(ReadView view) {
    Map<String, String> hostOf = new HashMap<>();
    Map<String, String> resolverOf = new HashMap<>();
    for (ResourceTags t : view.listAll(Ec2Tables.TAGS)) {
      String host = t.tags().get(ResolverFacts.HOST_TAG);
      if (host != null && t.resourceId().startsWith("i-")) hostOf.put(t.resourceId(), host.trim());
      String resolver = t.tags().get(ResolverFacts.RESOLVER_TAG);
      if (resolver != null && t.resourceId().startsWith("vpc-")) resolverOf.put(t.resourceId(), resolver.trim());
    }
    if (hostOf.isEmpty() && resolverOf.isEmpty()) return ResolverFacts.NONE;

    Map<String, List<String>> hostsByVpc = new LinkedHashMap<>();
    for (Instance i : view.listAll(Ec2Tables.INSTANCE)) {
      String host = hostOf.get(i.id());
      if (host == null || i.state().equals("terminated") || i.vpcId() == null) continue;
      hostsByVpc.computeIfAbsent(i.vpcId(), k -> new ArrayList<>()).add(host);
    }
    Map<String, Vpc> vpcs = new LinkedHashMap<>();
    for (Vpc v : view.listAll(Ec2Tables.VPC)) {
      if (hostsByVpc.containsKey(v.id()) || resolverOf.containsKey(v.id())) vpcs.put(v.id(), v);
    }
    if (vpcs.isEmpty()) return ResolverFacts.NONE;

    Map<String, String> regionOf = new HashMap<>();
    for (Subnet s : view.listAll(Ec2Tables.SUBNET)) {
      if (vpcs.containsKey(s.vpcId())) {
        String region = REGION_OF_ZONE.get(s.availabilityZone());
        if (region != null) regionOf.putIfAbsent(s.vpcId(), region);
      }
    }
    Map<String, Map<String, String>> hostnames = new HashMap<>();
    Map<String, String> ipOfEni = new HashMap<>();
    for (NetworkInterface n : view.listAll(Ec2Tables.NETWORK_INTERFACE)) {
      if (!vpcs.containsKey(n.vpcId())) continue;
      ipOfEni.put(n.id(), n.privateIpAddress());
      String region = Optional.ofNullable(REGION_OF_ZONE.get(n.availabilityZone())).orElse(regionOf.get(n.vpcId()));
      if (region != null) {
        hostnames.computeIfAbsent(n.vpcId(), k -> new HashMap<>())
            .put(Interfaces.privateDnsName(n.privateIpAddress(), region), n.privateIpAddress());
      }
    }
    Map<String, List<EndpointDns>> endpoints = new HashMap<>();
    for (VpcEndpoint e : view.listAll(Ec2Tables.VPC_ENDPOINT)) {
      if (!vpcs.containsKey(e.vpcId()) || !e.type().equals("Interface")) continue;
      Optional<String> regional = e.dnsNames().stream().findFirst().filter(n -> n.endsWith(".vpce.amazonaws.com"));
      List<String> privateNames = e.dnsNames().stream().filter(n -> !n.endsWith(".vpce.amazonaws.com")).toList();
      List<String> ips = e.networkInterfaceIds().stream().map(ipOfEni::get).filter(ip -> ip != null).toList();
      endpoints.computeIfAbsent(e.vpcId(), k -> new ArrayList<>()).add(new EndpointDns(e.id(), e.serviceName(),
          e.state(), e.privateDnsEnabled(), regional, e.privateDnsEnabled() ? privateNames : List.of(), ips));
    }
    List<VpcDns> out = new ArrayList<>();
    for (Vpc v : vpcs.values()) {
      out.add(new VpcDns(v.id(), Optional.ofNullable(regionOf.get(v.id())), v.enableDnsSupport(), v.enableDnsHostnames(),
          hostsByVpc.getOrDefault(v.id(), List.of()), Optional.ofNullable(resolverOf.get(v.id())),
          hostnames.getOrDefault(v.id(), Map.of()), endpoints.getOrDefault(v.id(), List.of())));
    }
    return new ResolverFacts(out);
  }

  private static Map<String, String> zones() {
    Map<String, String> m = new HashMap<>();
    for (RegionCatalog.Region r : RegionCatalog.REGIONS) {
      r.zones().forEach(z -> m.put(z.name(), r.name()));
    }
    return Map.copyOf(m);
  }
}
