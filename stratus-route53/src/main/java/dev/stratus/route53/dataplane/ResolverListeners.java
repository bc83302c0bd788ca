package dev.stratus.route53.dataplane;

import dev.stratus.core.vpc.ResolverFacts;
import dev.stratus.net.dns.DnsServer;
import dev.stratus.net.listener.ListenerRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The resolver listeners of VPCs tagged {@code stratus:resolver=<loopback address>}: each stands
 * for the VPC's {@code .2} resolver, answering every query as that VPC whatever its source
 * ({@code dig @127.0.53.1 -p 5353 name}). Opened and closed as tags come and go.
 */
final class ResolverListeners implements AutoCloseable {

  /*
   * Why a tag and not an address for every VPC: accounts hold thousands of VPCs (the reachability
   * bench builds 5,000) and each listener is two sockets; the tag opens one only where a user
   * wants to ask a VPC's resolver without an instance. The address must be a loopback one, so
   * nothing is exposed beyond this machine (on Linux all of 127.0.0.0/8 binds without set-up;
   * macOS has only 127.0.0.1 unless aliases are added). A listener takes the Route 53 DNS port
   * on its own address; when that is taken (Stratus bound to 0.0.0.0, say) it takes a free port,
   * and either way `stratus endpoints` says where it is. An address that cannot be bound is
   * logged once and tried again only when its tag changes.
   */

  private static final Logger LOG = Logger.getLogger(ResolverListeners.class.getName());

  /** An open listener (or none, when its address could not be bound) and how to forget it in the registry. */
  private record Bound(String vpcId, Optional<DnsServer> server, Runnable unregister) {
    void close() {
      unregister.run();
      server.ifPresent(DnsServer::close);
    }
  }

  private final VpcResolver resolver;
  private final IntSupplier port;
  private final ListenerRegistry registry;
  private final Map<String, Bound> bound = new LinkedHashMap<>();

  /** @param registry where {@code stratus endpoints} finds the listeners this opens */
  ResolverListeners(VpcResolver resolver, IntSupplier port, ListenerRegistry registry) {
    this.resolver = resolver;
    this.port = port;
    this.registry = registry;
  }

  /** Opens the listeners {@code facts} ask for and closes the others. */
  synchronized void reconcile(ResolverFacts facts) {
    Map<String, String> wanted = new LinkedHashMap<>();
    for (ResolverFacts.VpcDns vpc : facts.vpcs()) {
      vpc.resolverAddress().ifPresent(a -> wanted.putIfAbsent(a, vpc.vpcId()));
    }
    for (var it = bound.entrySet().iterator(); it.hasNext();) {
      var e = it.next();
      if (!e.getValue().vpcId().equals(wanted.get(e.getKey()))) {
        e.getValue().close();
        it.remove();
      }
    }
    wanted.forEach((address, vpcId) -> {
      if (!bound.containsKey(address)) {
        bound.put(address, open(address, vpcId));
      }
    });
  }

  private Bound open(String address, String vpcId) {
    Optional<InetAddress> ip = VpcView.address(address);
    if (ip.isEmpty() || !ip.get().isLoopbackAddress()) {
      LOG.warning("stratus:resolver of " + vpcId + " is not a loopback address (" + address + "); no resolver listener");
      return new Bound(vpcId, Optional.empty(), () -> { });
    }
    String host = ip.get().getHostAddress();
    for (int p : new int[] {port.getAsInt(), 0}) {
      try {
        DnsServer server = DnsServer.start(host, p, resolver.forVpc(vpcId));
        var at = new InetSocketAddress(server.udpAddress().getAddress(), server.port());
        Runnable unregister = registry.register(new ListenerRegistry.Listener(
            "Route 53 Resolver " + vpcId, "udp+tcp", new InetSocketAddress(ip.get(), port.getAsInt()), at, vpcId));
        return new Bound(vpcId, Optional.of(server), unregister);
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "cannot bind the resolver of " + vpcId + " on " + host + ":" + p, e);
      }
    }
    LOG.warning("cannot bind the resolver of " + vpcId + " on " + host + "; no resolver listener");
    return new Bound(vpcId, Optional.empty(), () -> { });
  }

  @Override
  public synchronized void close() {
    bound.values().forEach(Bound::close);
    bound.clear();
  }

  /** For tests: the VPC each address answers for. */
  synchronized Map<String, String> vpcsByAddress() {
    Map<String, String> m = new HashMap<>();
    bound.forEach((a, b) -> m.put(a, b.vpcId()));
    return m;
  }
}
