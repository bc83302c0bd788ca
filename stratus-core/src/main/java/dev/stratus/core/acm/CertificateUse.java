package dev.stratus.core.acm;

import java.util.List;

/**
 * Which resources use a certificate (ACM's {@code InUseBy}; DeleteCertificate refuses while it is
 * non-empty). Provided by the service whose listeners name certificates (ELB today); ACM looks
 * it up when asked, so it starts in any order relative to that service.
 */
public interface CertificateUse {

  /** The ARNs of the resources (load balancers) that use {@code certificateArn}, in a stable order. */
  List<String> usersOf(String certificateArn);
}
