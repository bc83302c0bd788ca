package dev.stratus.core.acm;

import java.util.Optional;
import java.util.function.Consumer;

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

  /**
   * Asks to be told when what {@link #find} answers for a certificate changes without any change
   * of the resources that name it: ImportCertificate reimporting the same ARN, DeleteCertificate.
   * {@code changed} receives the ARN after the change is committed, on the changing request's
   * thread, so it must not block (a data plane schedules its rebuild). Returns what stops the
   * calls. An implementation that cannot tell never calls and returns a no-op.
   */
  default Runnable onChange(Consumer<String> changed) {
    return () -> { };
  }
}
