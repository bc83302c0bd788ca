package dev.stratus.apigateway.dataplane;

import dev.stratus.net.tls.StratusCa;
import dev.stratus.net.tls.TlsContexts;
import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the HTTPS listener of an execute-api interface VPC endpoint serves: the Stratus CA's
 * certificate for AWS's names of a private API reached through it ({@code {api-id}-{vpce-id}.execute-api.{region}.amazonaws.com},
 * with private DNS {@code {api-id}.execute-api.{region}.amazonaws.com}) and of the endpoint itself
 * ({@code vpce-….execute-api.{region}.vpce.amazonaws.com}), as AWS serves its own certificate there,
 * so a client trusting {@code /_stratus/ca.pem} verifies it.
 * The CA is ACM's, which may start after API Gateway: it is looked for again until found.
 */
final class EndpointTls implements Mapping<String, SslContext> {
  private final Supplier<Optional<StratusCa>> ca;
  private final List<String> names;
  private final Clock clock;
  private volatile SslContext context;

  EndpointTls(Supplier<Optional<StratusCa>> ca, String region, Clock clock) {
    this.ca = ca;
    this.names = List.of("*.execute-api." + region + ".amazonaws.com", "*.execute-api." + region + ".vpce.amazonaws.com");
    this.clock = clock;
    prepare();
  }

  /** Builds the context when the CA is there (called off the event loop at reconcile; else at the first handshake). */
  boolean prepare() {
    if (context == null) {
      ca.get().ifPresent(c -> context = TlsContexts.server(c.ownNames(names, clock), TlsContexts.Alpn.HTTP_1_1));
    }
    return context != null;
  }

  @Override
  public SslContext map(String hostname) {
    if (!prepare()) throw new IllegalStateException("no Stratus CA to serve execute-api endpoint names with");
    return context;
  }
}
