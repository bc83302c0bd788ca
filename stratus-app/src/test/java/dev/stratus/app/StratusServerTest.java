package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.core.Settings;
import dev.stratus.core.store.Store;
import dev.stratus.core.store.Stores;
import dev.stratus.core.store.Table;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wiring's start and stop order, with an API server that only records what happens. */
class StratusServerTest {
  record Note(String text) {}

  static final Table<Note> NOTES = Table.of("test.note", Note.class);

  @TempDir Path dir;

  @Test
  void close_stopsTheApiServerWhileTheStoreIsStillOpen() throws Exception {
    List<String> seen = new ArrayList<>();
    AtomicReference<Store> store = new AtomicReference<>();
    ApiServer.Starter recording = (bind, port, handlers, clock, endpoints, extensions) -> new ApiServer() {
      @Override
      public int port() { return 1; }

      @Override
      public void close() {
        store.get().write(tx -> { tx.put(NOTES, "s", "last", new Note("written while the API closes")); return null; });
        seen.add("api closed");
      }
    };
    var settings = new Settings(0, 0, Optional.of(dir), "127.0.0.1");
    var server = StratusServer.start(settings, Clock.systemUTC(), recording);
    store.set(server.store());
    server.close();
    server.close();

    assertThat(seen).containsExactly("api closed");
    assertThatThrownBy(() -> server.store().write(tx -> null)).isInstanceOf(IllegalStateException.class);
    try (var reopened = Stores.open(settings)) {
      assertThat(reopened.get(NOTES, "s", "last")).isPresent();
    }
  }

  @Test
  void endpoints_listenerRegisteredAfterStart_listedByServerAndApi() throws Exception {
    AtomicReference<java.util.function.Supplier<List<dev.stratus.core.ServiceModule.Endpoint>>> served = new AtomicReference<>();
    ApiServer.Starter recording = (bind, port, handlers, clock, endpoints, extensions) -> {
      served.set(endpoints);
      return new ApiServer() {
        @Override public int port() { return 1; }
        @Override public void close() {}
      };
    };
    var settings = new Settings(0, 0, Optional.of(dir), "127.0.0.1");
    try (var server = StratusServer.start(settings, Clock.systemUTC(), recording)) {
      var listener = new dev.stratus.net.listener.ListenerRegistry.Listener("ALB web listener HTTP:80", "http",
          new java.net.InetSocketAddress("127.0.0.2", 80), new java.net.InetSocketAddress("127.0.0.2", 8080),
          "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/web/1");
      Runnable forget = server.listeners().register(listener);
      var expected = new dev.stratus.core.ServiceModule.Endpoint("ALB web listener HTTP:80 (asked for 127.0.0.2:80)",
          "http", "127.0.0.2", 8080);
      assertThat(server.endpoints()).contains(expected);
      assertThat(served.get().get()).contains(expected).first().extracting(e -> e.description()).isEqualTo("AWS APIs");
      forget.run();
      assertThat(served.get().get()).doesNotContain(expected);
    }
  }

  @Test
  void start_whenTheApiServerFails_closesTheStore() {
    var settings = new Settings(0, 0, Optional.of(dir), "127.0.0.1");
    ApiServer.Starter failing = (bind, port, handlers, clock, endpoints, extensions) -> { throw new BindException("Address already in use"); };
    assertThatThrownBy(() -> StratusServer.start(settings, Clock.systemUTC(), failing)).isInstanceOf(BindException.class);
    Stores.open(settings).close();
  }
}
