package dev.stratus.core.vpc;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the Amazon DNS server of each VPC (Route 53 Resolver, "AmazonProvidedDNS" at the VPC's
 * base + 2) answers from, read from EC2's committed state: for every VPC a local user can ask as
 * that VPC, its DNS attributes, its EC2 private host names and its interface endpoints. Route 53's
 * data plane answers from these plus its private hosted zones (route53.md §41, vpc.md §39).
 *
 * <p>A local user asks as a VPC in one of two ways, both Stratus extensions:
 * <ul>
 *   <li>from an instance's address: an instance tagged {@value #HOST_TAG}{@code =127.x.y.z} (the
 *       address its process uses, as ELB targets do) sends its queries from that address, e.g.
 *       {@code dig -b 127.0.10.5 @127.0.0.1 -p 5353 name};
 *   <li>to the VPC's resolver address: a VPC tagged {@value #RESOLVER_TAG}{@code =127.x.y.z} gets a
 *       DNS listener on that address (and the DNS port) standing for its {@code .2} resolver.
 * </ul>
 *
 * @param vpcs the VPCs a local user can ask as, those with a tagged instance or a resolver tag
 */
public record ResolverFacts(List<VpcDns> vpcs) {

  /** The instance tag naming the loopback address the instance's process sends and receives from. */
  public static final String HOST_TAG = "stratus:host";
  /** The VPC tag naming the loopback address of the VPC's resolver listener. */
  public static final String RESOLVER_TAG = "stratus:resolver";

  /** No VPC: every query is answered as today (public and private zones on one listener). */
  public static final ResolverFacts NONE = new ResolverFacts(List.of());

  public ResolverFacts {
    vpcs = List.copyOf(vpcs);
  }

  /**
   * One VPC as its resolver sees it.
   *
   * @param region the VPC's Region; empty when Stratus cannot tell (a VPC without subnets)
   * @param hostAddresses the {@value #HOST_TAG} addresses of its instances (not terminated), as written
   * @param resolverAddress its {@value #RESOLVER_TAG} address, as written
   * @param privateHostnames EC2 private host name ({@code ip-10-0-1-5.ec2.internal}) → private IPv4
   *     address, for every network interface of the VPC
   * @param endpoints its interface endpoints
   */
  public record VpcDns(String vpcId, Optional<String> region, boolean enableDnsSupport, boolean enableDnsHostnames,
      List<String> hostAddresses, Optional<String> resolverAddress, Map<String, String> privateHostnames,
      List<EndpointDns> endpoints) {
    public VpcDns {
      Objects.requireNonNull(vpcId, "vpcId");
      Objects.requireNonNull(region, "region");
      hostAddresses = List.copyOf(hostAddresses);
      Objects.requireNonNull(resolverAddress, "resolverAddress");
      privateHostnames = Map.copyOf(privateHostnames);
      endpoints = List.copyOf(endpoints);
    }
  }

  /**
   * An interface VPC endpoint's names and addresses.
   *
   * @param state AWS's value, e.g. {@code available}, {@code pendingAcceptance}
   * @param regionalDnsName the endpoint's own name ({@code vpce-….secretsmanager.eu-west-1.vpce.amazonaws.com})
   * @param privateDnsNames the service's names it takes over when private DNS works
   *     ({@code secretsmanager.eu-west-1.amazonaws.com}); empty when private DNS is off
   * @param privateIpAddresses the IPv4 addresses of its network interfaces
   */
  public record EndpointDns(String vpcEndpointId, String serviceName, String state, boolean privateDnsEnabled,
      Optional<String> regionalDnsName, List<String> privateDnsNames, List<String> privateIpAddresses) {
    public EndpointDns {
      Objects.requireNonNull(vpcEndpointId, "vpcEndpointId");
      Objects.requireNonNull(regionalDnsName, "regionalDnsName");
      privateDnsNames = List.copyOf(privateDnsNames);
      privateIpAddresses = List.copyOf(privateIpAddresses);
    }
  }
}
