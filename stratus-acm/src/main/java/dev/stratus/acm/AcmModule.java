package dev.stratus.acm;

import dev.stratus.core.ServiceModule;
import dev.stratus.core.StratusContext;
import dev.stratus.core.acm.Certificates;
import dev.stratus.net.tls.StratusCa;
import java.util.Set;

/**
 * ACM inside Stratus: the Stratus CA (kept in the data dir), the certificate API, and
 * {@link Certificates} and {@link StratusCa} for the data planes and {@code /_stratus/ca.pem}.
 */
public final class AcmModule implements ServiceModule {
  @Override
  public String name() { return "acm"; }

  @Override
  public Set<Class<?>> provides() { return Set.of(Certificates.class, StratusCa.class); }

  @Override
  public Started start(StratusContext context) {
    StratusCa ca = StratusCa.onFirstUse(context.settings().dataDir(), context.clock()); // most runs never need it
    var operations = new CertificateOperations(context.store(), ca, context.clock(), context.extensions());
    context.extensions().provide(StratusCa.class, ca);
    context.extensions().provide(Certificates.class, operations);
    return Started.handlers(operations);
  }
}
