package dev.stratus.ec2.interfaces;

import dev.stratus.core.RequestContext;
import dev.stratus.core.store.ReadView;
import dev.stratus.ec2.Ec2Errors;
import dev.stratus.ec2.Ec2Filters;
import dev.stratus.ec2.Ec2Pagination;
import dev.stratus.ec2.Ec2Store;
import dev.stratus.ec2.Ec2Tables;
import dev.stratus.ec2.IdKind;
import dev.stratus.ec2.PagedOperation;
import dev.stratus.ec2.Tags;
import dev.stratus.ec2.gateways.ElasticIpOperations;
import dev.stratus.ec2.model.Ec2Id;
import dev.stratus.ec2.model.Instance;
import dev.stratus.ec2.model.NetworkInterface;
import dev.stratus.ec2.model.RegionDefaults;
import dev.stratus.ec2.model.RouteTable;
import dev.stratus.ec2.model.Subnet;
import dev.stratus.ec2.routing.RouteStates;
import dev.stratus.ec2.security.SecurityGroupPermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.*;

/**
 * EC2 API group "Instances", as network endpoints only: an instance is an ENI with a private
 * address from its subnet (or the default subnet), security groups, and a public address when
 * the subnet maps one on launch. Any well-formed {@code ami-…} id launches.
 */
public final class InstanceOperations {
  private final Ec2Store store;

  public InstanceOperations(Ec2Store store) { this.store = store; }

  public RunInstancesResponse runInstances(RequestContext ctx, RunInstancesRequest req) {
    String scope = ctx.regionalScope();
    IdKind.IMAGE.checkShape(Ec2Store.param(req.imageId(), "ImageId"));
    int min = req.minCount() == null ? 1 : req.minCount();
    int max = req.maxCount() == null ? min : req.maxCount();
    Ec2Errors.throwIf(InterfaceRules.instanceCount(min, max));
    var nic = req.networkInterfaces().isEmpty() ? null : req.networkInterfaces().get(0);
    return store.write(ctx, tx -> {
      Subnet subnet = subnet(tx, scope, req.subnetId() != null ? req.subnetId() : nic == null ? null : nic.subnetId(),
          req.placement() == null ? null : req.placement().availabilityZone());
      List<String> groups = new ArrayList<>(req.securityGroupIds());
      if (nic != null) groups.addAll(nic.groups());
      for (String name : req.securityGroups()) {
        groups.add(SecurityGroupPermissions.byName(tx, scope, subnet.vpcId(), name).id());
      }
      for (String g : groups) {
        var sg = Ec2Store.require(tx, scope, IdKind.SECURITY_GROUP, Ec2Tables.SECURITY_GROUP, g);
        Ec2Errors.throwIf(InterfaceRules.groupInVpc(sg, subnet.vpcId(), "subnet", subnet.id()));
      }
      Ec2Errors.throwIf(InterfaceRules.groupCount(groups.size()));
      if (groups.isEmpty()) {
        groups.add(tx.get(Ec2Tables.VPC, scope, subnet.vpcId()).orElseThrow().defaultSecurityGroupId());
      }
      boolean publicIp = nic != null && nic.associatePublicIpAddress() != null ? nic.associatePublicIpAddress()
          : subnet.mapPublicIpOnLaunch();
      Ec2Store.dryRun(req.dryRun());
      String reservation = Ec2Id.next("r-");
      List<software.amazon.awssdk.services.ec2.model.Instance> out = new ArrayList<>();
      String type = req.instanceTypeAsString() == null ? "m1.small" : req.instanceTypeAsString();
      for (int n = 0; n < max; n++) {
        String id = IdKind.INSTANCE.next();
        String ip = n == 0 ? (req.privateIpAddress() != null ? req.privateIpAddress()
            : nic == null ? null : nic.privateIpAddress()) : null;
        NetworkInterface eni = Interfaces.create(tx, scope, subnet, ip, List.copyOf(groups), "interface",
            "Primary network interface", false);
        eni = eni.withAttachment(new NetworkInterface.Attachment(Ec2Id.next("eni-attach-"), id, 0, "attached", true,
            ctx.accountId()),
            "in-use");
        if (publicIp) eni = eni.withAssociation(new NetworkInterface.PublicIp(Interfaces.publicIp(tx, scope), null, null));
        tx.put(Ec2Tables.NETWORK_INTERFACE, scope, eni.id(), eni);
        Instance i = new Instance(id, reservation, req.imageId(), type, "running", subnet.id(), subnet.vpcId(),
            subnet.availabilityZone(), eni.id(), List.of(eni.id()), req.keyName(), ctx.receivedAt(), n, req.clientToken());
        tx.put(Ec2Tables.INSTANCE, scope, id, i);
        Tags.apply(tx, scope, id, "instance", req.tagSpecifications().stream()
            .filter(s -> s.resourceTypeAsString() == null || s.resourceTypeAsString().equals("instance")).toList());
        out.add(InstanceShapes.instance(tx, scope, i, ctx.accountId(), ctx.region(), Tags.of(tx, scope).apply(id), "pending"));
      }
      return RunInstancesResponse.builder().reservationId(reservation).ownerId(ctx.accountId()).groups(List.of())
          .instances(out).build();
    });
  }

  /** Pages over instances (by id); each page groups its own instances into their reservations. */
  public DescribeInstancesResponse describeInstances(RequestContext ctx, DescribeInstancesRequest req) {
    var cursor = Ec2Pagination.cursor(PagedOperation.DESCRIBE_INSTANCES, req.maxResults(), req.nextToken(),
        req.instanceIds());
    Ec2Store.dryRun(req.dryRun());
    String scope = ctx.regionalScope();
    ReadView view = store.read(ctx);
    Function<String, Map<String, String>> tags = Tags.of(view, scope);
    Map<String, NetworkInterface> enis = new java.util.HashMap<>();
    view.list(Ec2Tables.NETWORK_INTERFACE, scope).forEach(e -> enis.put(e.id(), e));
    Function<Instance, Optional<NetworkInterface>> primary = i -> Optional.ofNullable(enis.get(i.primaryNetworkInterfaceId()));
    var spec = InstanceFilters.FILTERS.forAccount(ctx.accountId())
        .one("private-ip-address", i -> primary.apply(i).map(NetworkInterface::privateIpAddress).orElse(null))
        .one("ip-address", i -> primary.apply(i).map(e -> e.association() == null ? null : e.association().publicIp())
            .orElse(null))
        .many("instance.group-id", i -> primary.apply(i).map(NetworkInterface::groupIds).orElse(List.of()))
        .many("network-interface.subnet-id", i -> primary.apply(i).map(e -> List.of(e.subnetId())).orElse(List.of()))
        // What the instance's interface shape does not show, read from the interface itself.
        .many("network-interface.association.allocation-id", i -> primary.apply(i)
            .map(e -> e.association() == null || e.association().allocationId() == null ? List.<String>of()
                : List.of(e.association().allocationId())).orElse(List.of()))
        .many("network-interface.association.association-id", i -> primary.apply(i)
            .map(e -> e.association() == null || e.association().associationId() == null ? List.<String>of()
                : List.of(e.association().associationId())).orElse(List.of()))
        .many("network-interface.attachment.instance-id", i -> primary.apply(i)
            .map(e -> e.attachment() == null ? List.<String>of() : List.of(e.attachment().instanceId())).orElse(List.of()))
        .many("network-interface.attachment.instance-owner-id", i -> primary.apply(i)
            .map(e -> e.attachment() == null ? List.<String>of() : List.of(ctx.accountId())).orElse(List.of()))
        .many("network-interface.availability-zone", i -> primary.apply(i)
            .map(e -> List.of(e.availabilityZone())).orElse(List.of()))
        .many("network-interface.requester-managed", i -> primary.apply(i)
            .map(e -> List.of(String.valueOf(e.requesterManaged()))).orElse(List.of()))
        // Instances launched with RunInstances by the account have no requester (AWS fills it only for
        // instances other services launch for you).
        .many("network-interface.requester-id", i -> List.of())
        .many("requester-id", i -> List.of());
    List<Instance> found = Ec2Filters.apply(req.filters(),
        Ec2Store.describe(view, scope, IdKind.INSTANCE, Ec2Tables.INSTANCE, req.instanceIds()),
        spec.withShape(i -> InstanceShapes.instance(view, scope, i, ctx.accountId(), ctx.region(), tags.apply(i.id()),
            i.state())), tags);
    var page = cursor.page(found, Instance::id);
    Map<String, List<Instance>> byReservation = new java.util.LinkedHashMap<>();
    page.items().forEach(i -> byReservation.computeIfAbsent(i.reservationId(), k -> new ArrayList<>()).add(i));
    return DescribeInstancesResponse.builder().reservations(byReservation.entrySet().stream().map(e ->
        Reservation.builder().reservationId(e.getKey()).ownerId(ctx.accountId()).groups(List.of())
            .instances(e.getValue().stream().map(i -> InstanceShapes.instance(view, scope, i, ctx.accountId(),
                ctx.region(), tags.apply(i.id()), i.state())).toList()).build()).toList())
        .nextToken(page.nextTokenOrNull()).build();
  }

  public TerminateInstancesResponse terminateInstances(RequestContext ctx, TerminateInstancesRequest req) {
    return TerminateInstancesResponse.builder()
        .terminatingInstances(transition(ctx, req.instanceIds(), "shutting-down", "terminated", req.dryRun())).build();
  }

  public StopInstancesResponse stopInstances(RequestContext ctx, StopInstancesRequest req) {
    return StopInstancesResponse.builder()
        .stoppingInstances(transition(ctx, req.instanceIds(), "stopping", "stopped", req.dryRun())).build();
  }

  public StartInstancesResponse startInstances(RequestContext ctx, StartInstancesRequest req) {
    return StartInstancesResponse.builder()
        .startingInstances(transition(ctx, req.instanceIds(), "pending", "running", req.dryRun())).build();
  }

  public ModifyInstanceAttributeResponse modifyInstanceAttribute(RequestContext ctx, ModifyInstanceAttributeRequest req) {
    String scope = ctx.regionalScope();
    return store.write(ctx, tx -> {
      Instance i = Ec2Store.require(tx, scope, IdKind.INSTANCE, Ec2Tables.INSTANCE, req.instanceId());
      NetworkInterface eni = tx.get(Ec2Tables.NETWORK_INTERFACE, scope, i.primaryNetworkInterfaceId())
          .orElseThrow(() -> Ec2Errors.incorrectInstanceState(i.id(), i.state()));
      for (String g : req.groups()) {
        var sg = Ec2Store.require(tx, scope, IdKind.SECURITY_GROUP, Ec2Tables.SECURITY_GROUP, g);
        Ec2Errors.throwIf(InterfaceRules.groupInVpc(sg, i.vpcId(), "instance", i.id()));
      }
      Ec2Store.dryRun(req.dryRun());
      NetworkInterface updated = req.groups().isEmpty() ? eni : eni.withGroups(req.groups());
      if (req.sourceDestCheck() != null && req.sourceDestCheck().value() != null) {
        // A NAT instance needs this off to forward traffic it did not originate.
        updated = updated.withDescriptionAndCheck(updated.description(), req.sourceDestCheck().value());
      }
      tx.put(Ec2Tables.NETWORK_INTERFACE, scope, eni.id(), updated);
      return ModifyInstanceAttributeResponse.builder().build();
    });
  }

  private List<InstanceStateChange> transition(RequestContext ctx, List<String> ids, String shown, String target,
      Boolean dryRun) {
    String scope = ctx.regionalScope();
    if (ids.isEmpty()) throw Ec2Errors.missing("InstanceId");
    return store.write(ctx, tx -> {
      List<Instance> instances = Ec2Store.describe(tx, scope, IdKind.INSTANCE, Ec2Tables.INSTANCE, ids);
      for (Instance i : instances) Ec2Errors.throwIf(InterfaceRules.transition(i, target));
      Ec2Store.dryRun(dryRun);
      List<InstanceStateChange> changes = new ArrayList<>();
      for (Instance i : instances) {
        String now = i.state().equals(target) ? target : shown;
        changes.add(InstanceStateChange.builder().instanceId(i.id())
            .previousState(InstanceState.builder().name(i.state()).code(Instance.stateCode(i.state())).build())
            .currentState(InstanceState.builder().name(now).code(Instance.stateCode(now)).build()).build());
        if (i.state().equals(target) || i.state().equals("terminated")) continue;
        tx.put(Ec2Tables.INSTANCE, scope, i.id(), i.withState(target));
        if (target.equals("terminated")) {
          // Secondary interfaces survive termination, detached (their DeleteOnTermination is false).
          i.networkInterfaceIds().stream().filter(id -> !id.equals(i.primaryNetworkInterfaceId()))
              .flatMap(id -> tx.get(Ec2Tables.NETWORK_INTERFACE, scope, id).stream())
              .forEach(e -> tx.put(Ec2Tables.NETWORK_INTERFACE, scope, e.id(), e.withAttachment(null, "available")));
        }
        tx.get(Ec2Tables.NETWORK_INTERFACE, scope, i.primaryNetworkInterfaceId()).ifPresent(eni -> {
          if (target.equals("terminated")) {
            tx.delete(Ec2Tables.NETWORK_INTERFACE, scope, eni.id());
            ElasticIpOperations.releaseFrom(tx, scope, eni.id());
            RouteStates.setState(tx, scope, eni.id(), RouteTable.State.BLACKHOLE);
          } else if (target.equals("stopped") && eni.association() != null && eni.association().allocationId() == null) {
            tx.put(Ec2Tables.NETWORK_INTERFACE, scope, eni.id(), eni.withAssociation(null));
          } else if (target.equals("running") && eni.association() == null
              && tx.get(Ec2Tables.SUBNET, scope, eni.subnetId()).map(Subnet::mapPublicIpOnLaunch).orElse(false)) {
            tx.put(Ec2Tables.NETWORK_INTERFACE, scope, eni.id(),
                eni.withAssociation(new NetworkInterface.PublicIp(Interfaces.publicIp(tx, scope), null, null)));
          }
        });
      }
      return changes;
    });
  }

  /** The launch subnet: the named one, else the default subnet of the zone (AWS picks any zone; Stratus the first). */
  private static Subnet subnet(ReadView view, String scope, String subnetId, String zone) {
    if (subnetId != null) return Ec2Store.require(view, scope, IdKind.SUBNET, Ec2Tables.SUBNET, subnetId);
    RegionDefaults d = view.get(Ec2Tables.DEFAULTS, scope, Ec2Tables.DEFAULTS_ID).orElseThrow();
    if (d.defaultVpcId() == null) throw Ec2Errors.noDefaultVpc();
    return view.list(Ec2Tables.SUBNET, scope).stream()
        .filter(s -> s.vpcId().equals(d.defaultVpcId()) && s.defaultForAz())
        .filter(s -> zone == null || s.availabilityZone().equals(zone))
        .min(java.util.Comparator.comparing(Subnet::availabilityZone)).orElseThrow(Ec2Errors::noDefaultVpc);
  }
}
