package dev.stratus.core.acm;

import java.util.List;

/**
 * Which resources use a certificate (ACM's {@code InUseBy}; DeleteCertificate refuses while it is
 * non-empty). Each service whose resources name certificates (ELB listeners, API Gateway custom
 * domains) adds one to {@link CertificateUsers#in}; ACM asks them all when asked, so it starts in
 * any order relative to those services.
 */
public interface CertificateUse {

  /** The ARNs of the resources (load balancers, custom domain names) that use {@code certificateArn}, in a stable order. */
  List<String> usersOf(String certificateArn);
}
