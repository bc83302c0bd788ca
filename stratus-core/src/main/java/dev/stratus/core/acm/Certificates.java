package dev.stratus.core.acm;

import java.util.Optional;

/**
 * The ACM certificates a listener may serve. Read when a data plane builds its TLS contexts (off
 * the event loop); implementations answer from committed state.
 */
public interface Certificates {

  /**
   * The certificate {@code certificateArn} with its private key, if it exists. Its
   * {@link ServingCertificate#status() status} says whether AWS would let a listener use it.
   */
  Optional<ServingCertificate> find(String certificateArn);
}
