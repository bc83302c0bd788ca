package dev.stratus.s3;

import dev.stratus.core.dns.DnsTarget;
import dev.stratus.core.dns.DnsTargetRegistry;
import dev.stratus.core.store.ChangeEvent;
import dev.stratus.core.store.Store;
import dev.stratus.s3.model.Bucket;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Puts each bucket's names in Stratus's DNS (ARCHITECTURE "Addresses": AWS's name with
 * {@code localhost} for its public suffix), all resolving to the API port's address:
 * {@code b.s3.localhost}, {@code b.s3.<region>.localhost} and the website endpoints
 * {@code b.s3-website-<region>.localhost} and {@code b.s3-website.<region>.localhost}.
 * Follows committed bucket rows, so an import or a restart gives the same names.
 */
final class BucketNamesInDns {
  /** S3's TTL for its endpoint records (AWS answers 5 s; short, as buckets move between Regions). */
  static final long TTL_SECONDS = 5;

  private final DnsTargetRegistry registry;
  private final List<InetAddress> addresses;

  BucketNamesInDns(DnsTargetRegistry registry, String bindAddress) {
    this.registry = registry;
    InetAddress address;
    try {
      address = InetAddress.getByName(bindAddress.equals("0.0.0.0") ? "127.0.0.1" : bindAddress);
    } catch (UnknownHostException e) {
      address = InetAddress.getLoopbackAddress();
    }
    this.addresses = List.of(address);
  }

  void follow(Store store) {
    store.subscribe(events -> {
      for (ChangeEvent e : events) {
        if (!e.table().equals(Bucket.TABLE)) continue;
        e.before().map(Bucket.class::cast).ifPresent(b -> names(b).forEach(registry::remove));
        e.after().map(Bucket.class::cast).ifPresent(this::put);
      }
    });
    store.list(Bucket.TABLE, Bucket.SCOPE).forEach(this::put);
  }

  private void put(Bucket b) {
    for (String name : names(b)) registry.put(new DnsTarget(name, addresses, TTL_SECONDS, true));
  }

  static List<String> names(Bucket b) {
    String n = b.name();
    String r = b.region();
    return List.of(n + ".s3.localhost", n + ".s3." + r + ".localhost", n + ".s3-website-" + r + ".localhost",
        n + ".s3-website." + r + ".localhost");
  }
}
