package dev.stratus.protocol.testing;

import dev.stratus.core.Extensions;
import dev.stratus.core.ServiceModule;
import dev.stratus.core.Settings;
import dev.stratus.core.StratusContext;
import dev.stratus.core.store.MemoryStore;
import dev.stratus.protocol.AwsApiServer;
import dev.stratus.protocol.OperationRegistry;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * A Stratus API server on a random loopback port for tests, serving the given handlers (or the
 * handlers of the given service modules over an in-memory store), plus SDK clients aimed at it.
 *
 * <pre>{@code
 * try (ApiTestServer server = ApiTestServer.start(new MyHandlers())) {
 *   Route53Client r53 = server.client(Route53Client.builder());
 * }
 * }</pre>
 */
public final class ApiTestServer implements AutoCloseable {
  /** The access key tests sign with; not 12 digits, so the account is 000000000000. */
  public static final String ACCESS_KEY = "AKIDSTRATUSTEST";

  private final AwsApiServer server;
  private final List<AutoCloseable> resources;
  private final StratusContext context;
  private final List<Object> handlers;

  private ApiTestServer(AwsApiServer server, List<AutoCloseable> resources, StratusContext context, List<Object> handlers) {
    this.server = server;
    this.resources = resources;
    this.context = context;
    this.handlers = List.copyOf(handlers);
  }

  /** Serves {@code handlers} (objects with {@code XxxResponse xxx(RequestContext, XxxRequest)} methods). */
  public static ApiTestServer start(Object... handlers) {
    OperationRegistry registry = OperationRegistry.of(Arrays.asList(handlers));
    return new ApiTestServer(AwsApiServer.start("127.0.0.1", 0, registry, Clock.systemUTC()), List.of(), null,
        Arrays.asList(handlers));
  }

  /** Starts {@code modules} over a fresh MemoryStore with {@code clock} and serves their handlers. */
  public static ApiTestServer start(Clock clock, ServiceModule... modules) {
    return start(clock, Settings.ephemeral(0, 0), modules);
  }

  /** As {@link #start(Clock, ServiceModule...)} with {@code settings} (e.g. client locations). */
  public static ApiTestServer start(Clock clock, Settings settings, ServiceModule... modules) {
    return start(clock, settings, new MemoryStore(), modules);
  }

  /** As {@link #start(Clock, Settings, ServiceModule...)} over {@code store} (a restart test reopens the same file; the caller closes it). */
  public static ApiTestServer start(Clock clock, Settings settings, dev.stratus.core.store.Store store, ServiceModule... modules) {
    // The extension points StratusServer provides: data planes find them.
    var extensions = new Extensions();
    extensions.provide(dev.stratus.net.listener.ListenerRegistry.class, new dev.stratus.net.listener.ListenerRegistry());
    extensions.provide(dev.stratus.core.http.HttpFilterRegistry.class, new dev.stratus.core.http.HttpFilterRegistry());
    var virtualHosts = new dev.stratus.net.http.VirtualHosts();
    extensions.provide(dev.stratus.net.http.VirtualHosts.class, virtualHosts);
    StratusContext context = new StratusContext(store, clock, settings, extensions);
    List<Object> handlers = new ArrayList<>();
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      for (ServiceModule m : modules) m.reserveAddresses(context);
      for (ServiceModule m : modules) {
        ServiceModule.Started started = m.start(context);
        handlers.addAll(started.apiHandlers());
        resources.addAll(started.resources());
      }
    } catch (Exception e) {
      closeAll(resources);
      throw new IllegalStateException("cannot start service modules", e);
    }
    AwsApiServer server = AwsApiServer.start("127.0.0.1", 0, OperationRegistry.of(handlers), clock, java.util.Map.of(),
        dev.stratus.net.http.HttpLimits.AWS_API, virtualHosts);
    return new ApiTestServer(server, resources, context, handlers);
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI endpoint() { return URI.create("http://127.0.0.1:" + server.port()); }

  public int port() { return server.port(); }

  /** The handler objects this server serves (the modules' API handlers). */
  public List<Object> handlers() { return handlers; }

  /** The context the modules were started with (null when started from plain handlers). */
  public StratusContext context() { return context; }

  /**
   * Builds an SDK client aimed at this server: endpoint override, region us-east-1 (us-west-2
   * for Global Accelerator, whose SDK endpoint rules accept only that region), static
   * credentials and the URL-connection HTTP client.
   */
  public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
    Region region = builder.getClass().getName().contains("globalaccelerator") ? Region.US_WEST_2 : Region.US_EAST_1;
    return client(builder, region);
  }

  /** As {@link #client(AwsClientBuilder)}, signing for {@code region}. */
  public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, Region region) {
    return client(builder, region, UrlConnectionHttpClient.create());
  }

  /**
   * As {@link #client(AwsClientBuilder)}, over {@code http}: the Apache client, for the PATCH
   * requests (API Gateway's updates) that the URL-connection client cannot send.
   */
  public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, SdkHttpClient http) {
    return client(builder, Region.US_EAST_1, http);
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, Region region,
      SdkHttpClient http) {
    return builder.endpointOverride(endpoint()).region(region)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, "secret")))
        .httpClient(http)
        .build();
  }

  @Override
  public void close() {
    server.close();
    closeAll(resources);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        // closing a test resource must not hide the test's own failure
      }
    }
  }
}
