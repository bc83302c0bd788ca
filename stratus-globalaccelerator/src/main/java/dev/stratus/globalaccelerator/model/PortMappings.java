package dev.stratus.globalaccelerator.model;

import dev.stratus.core.net.Cidr;
import dev.stratus.core.net.PortRange;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The static map of a custom routing accelerator (globalaccelerator.md §12): every (subnet
 * address, destination port) of its endpoint groups gets one accelerator port of the listener's
 * ranges, in order — groups by ARN, subnets as added, addresses ascending (a subnet's first
 * four and last addresses are reserved and not mapped), destination ports ascending. Nothing is
 * stored: a mapping is computed from its index, so a /16 costs nothing until it is listed.
 */
public final class PortMappings {
  /** Reserved per subnet: network address, VPC router, DNS, future use (first four), broadcast (last). */
  static final int RESERVED_AT_START = 4;
  static final int RESERVED_AT_END = 1;

  private final List<PortRange> listenerPorts;
  private final List<Block> blocks;

  /** One subnet endpoint of one group: a run of consecutive accelerator-port indexes. */
  private record Block(CustomRoutingEndpointGroup group, CustomRoutingEndpointGroup.SubnetEndpoint endpoint, long start,
      long hosts, long firstHost) {
    long size() { return hosts * group.destinationPorts(); }
  }

  /** One mapping: accelerator port → destination socket, and whether traffic is allowed. */
  public record Mapping(int acceleratorPort, String endpointGroupArn, String region, String subnetId, String address,
      int destinationPort, List<String> protocols, boolean allowed) {}

  public PortMappings(List<PortRange> listenerPorts, List<CustomRoutingEndpointGroup> groups) {
    this.listenerPorts = List.copyOf(listenerPorts);
    List<Block> out = new ArrayList<>();
    long at = 0;
    for (CustomRoutingEndpointGroup g : groups) {
      for (var e : g.endpoints()) {
        Cidr cidr = Cidr.parse(e.cidrBlock());
        long hosts = Math.max(0, cidr.size().longValueExact() - RESERVED_AT_START - RESERVED_AT_END);
        Block b = new Block(g, e, at, hosts, cidr.base().longValueExact() + RESERVED_AT_START);
        out.add(b);
        at += b.size();
      }
    }
    this.blocks = List.copyOf(out);
  }

  /** Every accelerator port the listener offers. */
  public long capacity() {
    return listenerPorts.stream().mapToLong(r -> r.to() - r.from() + 1L).sum();
  }

  /** How many mappings the groups need (more than {@link #capacity()} cannot be served). */
  public long size() {
    return blocks.isEmpty() ? 0 : blocks.getLast().start() + blocks.getLast().size();
  }

  /** The {@code i}-th mapping (0 ≤ i < min(size, capacity)). */
  public Mapping get(long i) {
    for (Block b : blocks) {
      if (i < b.start() + b.size()) {
        long within = i - b.start();
        int ports = b.group().destinationPorts();
        String address = Cidr.formatAddress(BigInteger.valueOf(b.firstHost() + within / ports), false);
        int port = b.group().destinationPort((int) (within % ports));
        return new Mapping(acceleratorPort(i), b.group().arn(), b.group().region(), b.endpoint().subnetId(), address,
            port, b.group().protocolsOf(port), b.endpoint().allows(address, port));
      }
    }
    throw new IndexOutOfBoundsException("mapping " + i);
  }

  /** The mappings whose destination is {@code address} (ListCustomRoutingPortMappingsByDestination). */
  public List<Mapping> forDestination(String subnetId, String address) {
    List<Mapping> out = new ArrayList<>();
    long ip = Cidr.parseAddress(address).map(BigInteger::longValue).orElse(-1L);
    if (ip < 0) return out;
    for (Block b : blocks) {
      if (!b.endpoint().subnetId().equals(subnetId)) continue;
      long k = ip - b.firstHost();
      if (k < 0 || k >= b.hosts()) continue;
      int ports = b.group().destinationPorts();
      for (int j = 0; j < ports; j++) {
        long i = b.start() + k * ports + j;
        if (i < capacity()) out.add(get(i));
      }
    }
    return out;
  }

  /** The mapping of accelerator port {@code port}, if it maps one. */
  public Optional<Mapping> forAcceleratorPort(int port) {
    long i = 0;
    for (PortRange r : listenerPorts) {
      if (port >= r.from() && port <= r.to()) {
        i += port - r.from();
        return i < Math.min(size(), capacity()) ? Optional.of(get(i)) : Optional.empty();
      }
      i += r.to() - r.from() + 1L;
    }
    return Optional.empty();
  }

  private int acceleratorPort(long i) {
    for (PortRange r : listenerPorts) {
      long n = r.to() - r.from() + 1L;
      if (i < n) return (int) (r.from() + i);
      i -= n;
    }
    throw new IndexOutOfBoundsException("the listener's ports are exhausted at mapping " + i);
  }
}
