package dev.stratus.core.acm;

import dev.stratus.core.Extensions;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every service's {@link CertificateUse}, together: ELB's listeners and API Gateway's custom
 * domains both name certificates, and ACM asks all of them (InUseBy, DeleteCertificate's
 * ResourceInUseException). One per Stratus, found with {@link #in(Extensions)}, so services and
 * ACM start in any order.
 */
public final class CertificateUsers implements CertificateUse {
  private final List<CertificateUse> sources = new CopyOnWriteArrayList<>();

  /** Adds {@code source}; returns what removes it. */
  public Runnable add(CertificateUse source) {
    sources.add(source);
    return () -> sources.remove(source);
  }

  /** The users every source reports, sorted, each once. */
  @Override
  public List<String> usersOf(String certificateArn) {
    var all = new TreeSet<String>();
    for (CertificateUse source : sources) all.addAll(source.usersOf(certificateArn));
    return List.copyOf(all);
  }

  /** The registry of this Stratus: the one in {@code extensions}, provided there on first use. */
  public static CertificateUsers in(Extensions extensions) {
    synchronized (extensions) {
      return extensions.find(CertificateUsers.class).orElseGet(() -> {
        CertificateUsers users = new CertificateUsers();
        extensions.provide(CertificateUsers.class, users);
        return users;
      });
    }
  }
}
