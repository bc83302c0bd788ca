package dev.stratus.protocol.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.RequestContext;
import dev.stratus.core.ServiceModule;
import dev.stratus.core.StratusContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.GetHostedZoneCountRequest;
import software.amazon.awssdk.services.route53.model.GetHostedZoneCountResponse;

class ApiTestServerIT {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC);

  /** A module whose handler answers from the context it was started with. */
  static final class CountingModule implements ServiceModule {
    final AtomicBoolean closed = new AtomicBoolean();

    @Override public String name() { return "counting"; }

    @Override public Started start(StratusContext context) {
      Object handler = new Object() {
        public GetHostedZoneCountResponse getHostedZoneCount(RequestContext c, GetHostedZoneCountRequest r) {
          return GetHostedZoneCountResponse.builder().hostedZoneCount(c.receivedAt().equals(context.clock().instant()) ? 7L : 0L).build();
        }
      };
      return new Started(List.of(handler), List.of(() -> closed.set(true)), List.of());
    }
  }

  @Test void start_modules_servesHandlersWithInjectedClockAndClosesResources() {
    CountingModule module = new CountingModule();
    try (ApiTestServer server = ApiTestServer.start(CLOCK, module)) {
      Route53Client r53 = server.client(Route53Client.builder());

      assertThat(r53.getHostedZoneCount().hostedZoneCount()).isEqualTo(7L);
      assertThat(server.context().clock()).isSameAs(CLOCK);
    }
    assertThat(module.closed).isTrue();
  }
}
