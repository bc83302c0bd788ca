package dev.stratus.globalaccelerator;

import dev.stratus.core.net.PortRange;
import dev.stratus.globalaccelerator.model.Accelerator;
import dev.stratus.globalaccelerator.model.AcceleratorListener;
import dev.stratus.globalaccelerator.model.EndpointGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.globalaccelerator.model.AcceleratorAttributes;
import software.amazon.awssdk.services.globalaccelerator.model.EndpointDescription;
import software.amazon.awssdk.services.globalaccelerator.model.IpSet;
import software.amazon.awssdk.services.globalaccelerator.model.Listener;
import software.amazon.awssdk.services.globalaccelerator.model.PortOverride;
import software.amazon.awssdk.services.globalaccelerator.model.Tag;

/** Stored records as the SDK's shapes. */
final class GaShapes {
  private GaShapes() {}

  static software.amazon.awssdk.services.globalaccelerator.model.Accelerator accelerator(Accelerator a, Instant now) {
    List<IpSet> sets = new ArrayList<>();
    sets.add(IpSet.builder().ipFamily("IPv4").ipAddressFamily("IPv4").ipAddresses(a.ipv4Addresses()).build());
    if (!a.ipv6Addresses().isEmpty()) {
      sets.add(IpSet.builder().ipFamily("IPv6").ipAddressFamily("IPv6").ipAddresses(a.ipv6Addresses()).build());
    }
    return software.amazon.awssdk.services.globalaccelerator.model.Accelerator.builder()
        .acceleratorArn(a.arn()).name(a.name()).ipAddressType(a.ipAddressType()).enabled(a.enabled())
        .ipSets(sets).dnsName(a.dnsName()).dualStackDnsName(a.dualStackDnsName()).status(a.status(now))
        .createdTime(a.createdTime()).lastModifiedTime(a.changedAt()).build();
  }

  static AcceleratorAttributes attributes(Accelerator.FlowLogs logs) {
    return AcceleratorAttributes.builder().flowLogsEnabled(logs.enabled()).flowLogsS3Bucket(logs.s3Bucket())
        .flowLogsS3Prefix(logs.s3Prefix()).build();
  }

  static Listener listener(AcceleratorListener l) {
    return Listener.builder().listenerArn(l.arn()).protocol(l.protocol()).clientAffinity(l.clientAffinity())
        .portRanges(l.portRanges().stream().map(GaShapes::portRange).toList()).build();
  }

  static software.amazon.awssdk.services.globalaccelerator.model.PortRange portRange(PortRange r) {
    return software.amazon.awssdk.services.globalaccelerator.model.PortRange.builder().fromPort(r.from()).toPort(r.to()).build();
  }

  /**
   * An endpoint group with each endpoint's health as the data plane measures it
   * ({@code health}: endpoint id → HEALTHY / UNHEALTHY / INITIAL).
   */
  static software.amazon.awssdk.services.globalaccelerator.model.EndpointGroup endpointGroup(EndpointGroup g,
      Function<String, String> health) {
    return software.amazon.awssdk.services.globalaccelerator.model.EndpointGroup.builder()
        .endpointGroupArn(g.arn()).endpointGroupRegion(g.region())
        .endpointDescriptions(endpoints(g, health))
        .trafficDialPercentage((float) g.trafficDialPercentage()).healthCheckPort(g.healthCheckPort())
        .healthCheckProtocol(g.healthCheckProtocol()).healthCheckPath(g.healthCheckPath())
        .healthCheckIntervalSeconds(g.healthCheckIntervalSeconds()).thresholdCount(g.thresholdCount())
        .portOverrides(g.portOverrides().entrySet().stream().sorted(Map.Entry.comparingByKey())
            .map(e -> PortOverride.builder().listenerPort(e.getKey()).endpointPort(e.getValue()).build()).toList())
        .build();
  }

  static List<EndpointDescription> endpoints(EndpointGroup g, Function<String, String> health) {
    return g.endpoints().stream().map(e -> {
      String state = health.apply(e.endpointId());
      var b = EndpointDescription.builder().endpointId(e.endpointId()).weight(e.weight()).healthState(state)
          .clientIPPreservationEnabled(e.clientIpPreservationEnabled());
      if ("UNHEALTHY".equals(state)) b.healthReason("Endpoint failed health checks");
      return b.build();
    }).toList();
  }

  static List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }
}
