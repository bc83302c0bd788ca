package dev.stratus.elbv2.dataplane;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Names a test points at a loopback address, so that a real TLS client (JDK HttpClient) sends
 * SNI and checks the certificate's name while connecting to an LB node. Everything else goes to
 * the built-in resolver. Installed through META-INF/services (JEP 418).
 */
public final class TestNames extends InetAddressResolverProvider {
  static final Map<String, InetAddress> NAMES = new ConcurrentHashMap<>();

  static void point(String name, InetAddress at) { NAMES.put(name.toLowerCase(java.util.Locale.ROOT), at); }

  @Override
  public InetAddressResolver get(Configuration configuration) {
    InetAddressResolver builtin = configuration.builtinResolver();
    return new InetAddressResolver() {
      @Override
      public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
        InetAddress at = NAMES.get(host.toLowerCase(java.util.Locale.ROOT));
        if (at != null) return Stream.of(InetAddress.getByAddress(host, at.getAddress()));
        return builtin.lookupByName(host, policy);
      }

      @Override
      public String lookupByAddress(byte[] addr) throws UnknownHostException { return builtin.lookupByAddress(addr); }
    };
  }

  @Override
  public String name() { return "stratus-test-names"; }
}
