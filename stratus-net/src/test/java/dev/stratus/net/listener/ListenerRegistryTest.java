package dev.stratus.net.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.core.ServiceModule.Endpoint;
import dev.stratus.core.http.HttpFilterRegistry;
import dev.stratus.net.http.HttpFrontEnd;
import dev.stratus.net.testing.RawHttp;
import dev.stratus.net.transport.Transport;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ListenerRegistryTest {
  private static final String ARN = "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/web/1";

  /** A listener that binds nowhere, refusing the addresses a machine would refuse. */
  private record FakeListener(InetSocketAddress at) implements AutoCloseable {
    @Override public void close() {}
  }

  private static FakeListener bindLikeUnprivilegedMac(InetSocketAddress at) {
    if (at.getPort() < 1024) throw new RuntimeException(new BindException("Permission denied"));
    if (!at.getAddress().getHostAddress().equals("127.0.0.1")) {
      throw new RuntimeException(new BindException("Cannot assign requested address"));
    }
    return new FakeListener(at);
  }

  @Test
  void bind_privilegedPortOnAlias_substitutePortOn127001() throws Exception {
    ListenerRegistry registry = new ListenerRegistry();
    var bound = registry.bind("ALB web listener HTTP:80", "http", ARN, new InetSocketAddress("127.0.0.2", 80),
        ListenerRegistryTest::bindLikeUnprivilegedMac, FakeListener::at);
    assertThat(bound.record().actual()).isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
    assertThat(bound.record().moved()).isTrue();
    assertThat(registry.endpoints()).containsExactly(
        new Endpoint("ALB web listener HTTP:80 (asked for 127.0.0.2:80)", "http", "127.0.0.1", 8080));
    bound.close();
    assertThat(registry.listeners()).isEmpty();
  }

  @Test
  void version_changesWithEveryListenerRegisteredOrForgotten() {
    ListenerRegistry registry = new ListenerRegistry();
    long before = registry.version();
    var at = new java.net.InetSocketAddress("127.0.0.1", 1234);
    Runnable forget = registry.register(new ListenerRegistry.Listener("x", "tcp", at, at, "arn:x"));
    long registered = registry.version();
    assertThat(registered).isNotEqualTo(before);
    forget.run();
    assertThat(registry.version()).isNotEqualTo(registered);
    long forgotten = registry.version();
    forget.run(); // twice: nothing changes
    assertThat(registry.version()).isEqualTo(forgotten);
  }

  @Test
  void fallback_eachCause() {
    var alias443 = new InetSocketAddress("127.0.0.3", 443);
    assertThat(ListenerRegistry.fallback(alias443, new BindException("Permission denied")))
        .isEqualTo(new InetSocketAddress("127.0.0.3", 8443));
    assertThat(ListenerRegistry.fallback(alias443, new BindException("Cannot assign requested address")))
        .isEqualTo(new InetSocketAddress("127.0.0.1", 443));
    assertThat(ListenerRegistry.fallback(new InetSocketAddress("127.0.0.1", 8443), new BindException("Address already in use")))
        .isEqualTo(new InetSocketAddress("127.0.0.1", 0));
    assertThat(ListenerRegistry.fallback(new InetSocketAddress("127.0.0.3", 8443), new BindException("Address already in use")))
        .isEqualTo(new InetSocketAddress("127.0.0.3", 0));
    assertThat(ListenerRegistry.fallback(new InetSocketAddress("127.0.0.3", 0), new BindException("Address already in use"))).isNull();
    assertThat(ListenerRegistry.fallback(new InetSocketAddress("127.0.0.1", 8080), new BindException("Permission denied"))).isNull();
  }

  @Test
  void bind_portTakenOn127001_realFrontEndMovesToFreePort() throws Exception {
    ListenerRegistry registry = new ListenerRegistry();
    try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      var wanted = new InetSocketAddress("127.0.0.1", squatter.getLocalPort());
      HttpFrontEnd.Config config = HttpFrontEnd.Config.of("alb", ARN, new HttpFilterRegistry(),
          ex -> CompletableFuture.completedFuture(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK)));
      try (var bound = registry.bind("ALB web listener HTTP", "http", ARN, wanted,
          at -> HttpFrontEnd.bind(Transport.shared(), at, config), HttpFrontEnd::address)) {
        assertThat(bound.record().actual().getPort()).isNotEqualTo(wanted.getPort());
        assertThat(registry.endpoints()).singleElement().extracting(Endpoint::port).isEqualTo(bound.record().actual().getPort());
        assertThat(RawHttp.status(RawHttp.exchange(bound.record().actual(), "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")))
            .isEqualTo(200);
      }
      assertThat(registry.listeners()).isEmpty();
    }
  }

  @Test
  void bind_nowhereToGo_refusedNamingAttempts() {
    ListenerRegistry registry = new ListenerRegistry();
    List<InetSocketAddress> attempts = new ArrayList<>();
    assertThatThrownBy(() -> registry.bind("NLB", "tcp", ARN, new InetSocketAddress("127.0.0.4", 9000), at -> {
      attempts.add(at);
      throw new RuntimeException(new BindException("Address already in use"));
    }, FakeListener::at)).isInstanceOf(IllegalStateException.class).hasMessageContaining("127.0.0.4");
    assertThat(attempts).containsExactly(new InetSocketAddress("127.0.0.4", 9000), new InetSocketAddress("127.0.0.4", 0));
  }
}
