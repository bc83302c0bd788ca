package dev.stratus.ec2.reachability;

import dev.stratus.ec2.model.NetworkInterface;
import dev.stratus.ec2.model.VpcEndpoint;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What uses an interface, as {@link NetworkIndex} resolves it once per network from the stored
 * interface and the resources that list it: the analyzer's view, not a stored field.
 */
sealed interface InterfaceOwner {
  /** The component id the path shows after the interface; empty when only the interface is shown. */
  String id();

  /** An EC2 instance ({@code Attachment.InstanceId}). */
  record Instance(String id) implements InterfaceOwner {}

  /** An interface VPC endpoint. */
  record InterfaceEndpoint(String id) implements InterfaceOwner {}

  /** A NAT gateway. */
  record NatGateway(String id) implements InterfaceOwner {}

  /** A transit gateway VPC attachment. */
  record TransitGatewayAttachment(String id) implements InterfaceOwner {}

  /** A load balancer node ({@code ELB app/web/50dc…}); the analysis shows the interface itself. */
  record LoadBalancer(String name) implements InterfaceOwner {
    @Override
    public String id() { return ""; }
  }

  /** Not attached to anything (IGW ingress refuses it, vpc.md §46 IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS). */
  record Detached() implements InterfaceOwner {
    @Override
    public String id() { return ""; }
  }

  /** Ids AWS writes into the descriptions of service-managed interfaces. */
  Pattern OWNER_ID = Pattern.compile("(nat-[0-9a-z]+|vpce-[0-9a-z]+|tgw-attach-[0-9a-z]+)");

  /**
   * The owner of a stored interface: the instance its attachment names; else the NAT gateway or
   * endpoint that lists it; else what its type and description say, as AWS writes them
   * ({@code Interface for NAT Gateway nat-…}, {@code VPC Endpoint Interface vpce-…},
   * {@code Network Interface for Transit Gateway Attachment tgw-attach-…}, {@code ELB app/…},
   * requester {@code amazon-elb}); else nothing.
   *
   * @param natByInterface NAT gateway id by its interface id
   * @param endpointByInterface endpoint id by interface id
   */
  static InterfaceOwner of(NetworkInterface eni, Map<String, String> natByInterface,
      Map<String, String> endpointByInterface) {
    if (eni.attachment() != null && eni.attachment().instanceId() != null) return new Instance(eni.attachment().instanceId());
    String nat = natByInterface.get(eni.id());
    if (nat != null) return new NatGateway(nat);
    String vpce = endpointByInterface.get(eni.id());
    if (vpce != null) return new InterfaceEndpoint(vpce);
    String type = eni.interfaceType() == null ? "" : eni.interfaceType();
    String description = eni.description() == null ? "" : eni.description();
    Matcher m = OWNER_ID.matcher(description);
    String named = m.find() ? m.group(1) : "";
    if (named.startsWith("nat-") || type.equals("nat_gateway")) return new NatGateway(named);
    if (named.startsWith("vpce-") || type.equals("vpc_endpoint")) return new InterfaceEndpoint(named);
    if (named.startsWith("tgw-attach-") || type.equals("transit_gateway")) return new TransitGatewayAttachment(named);
    if (description.startsWith("ELB ") || "amazon-elb".equals(eni.requesterId())
        || type.equals("network_load_balancer") || type.equals("gateway_load_balancer")) {
      return new LoadBalancer(description.startsWith("ELB ") ? description.substring(4) : "");
    }
    return new Detached();
  }

  /** NAT gateway id by interface id, for {@link #of}. */
  static Map<String, String> natInterfaces(Iterable<dev.stratus.ec2.model.NatGateway> nats) {
    Map<String, String> m = new java.util.HashMap<>();
    for (dev.stratus.ec2.model.NatGateway n : nats) if (n.networkInterfaceId() != null) m.putIfAbsent(n.networkInterfaceId(), n.id());
    return m;
  }

  /** Endpoint id by interface id, for {@link #of}. */
  static Map<String, String> endpointInterfaces(Iterable<VpcEndpoint> endpoints) {
    Map<String, String> m = new java.util.HashMap<>();
    for (VpcEndpoint e : endpoints) e.networkInterfaceIds().forEach(eni -> m.putIfAbsent(eni, e.id()));
    return m;
  }
}
