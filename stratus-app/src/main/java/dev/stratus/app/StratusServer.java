package dev.stratus.app;

import dev.stratus.core.Extensions;
import dev.stratus.core.ModuleOrder;
import dev.stratus.core.ServiceModule;
import dev.stratus.core.ServiceModule.Endpoint;
import dev.stratus.core.Settings;
import dev.stratus.core.StratusContext;
import dev.stratus.core.dns.DnsTargetRegistry;
import dev.stratus.core.store.Store;
import dev.stratus.core.store.Stores;
import dev.stratus.core.http.HttpFilterRegistry;
import dev.stratus.net.http.VirtualHosts;
import dev.stratus.net.listener.ListenerRegistry;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A running Stratus: the store, every service module on the class path and the API server in
 * front of their handlers. Closing it stops them in the reverse order of their start.
 */
/*
 * Start order: store (each table is read from the database at its first use: a module or data
 * plane that reads a table at start waits for that table only, and the rest is read in the
 * background once the API server has written its first answer (or a second after it listens);
 * projections' first full reads wait for that moment too,
 * unless a module waits for its projection at start), the extensions the server
 * itself provides (the DNS target registry), modules in dependency order (ModuleOrder: providers
 * before the modules that need them, otherwise ServiceLoader order; each builds its handlers and
 * starts its data planes), then the API server, so that no API call arrives before every handler
 * exists. Everything started is pushed on one stack; close
 * pops it: API server first (no new calls), then each module's resources, the store last.
 * A failure half-way closes what was started and rethrows.
 * The extensions carry one ListenerRegistry (data planes bind their listeners through it, also
 * long after start, e.g. when CreateListener runs) and one HttpFilterRegistry (WAF and the like
 * fill it, HTTP data planes read it); endpoints() and /_stratus/endpoints read the registry live.
 */
public final class StratusServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(StratusServer.class.getName());

  /** Extensions there before any module starts. */
  private static final Set<Class<?>> SERVER_PROVIDES = Set.of(DnsTargetRegistry.class);

  /** How long after listening the data planes' first full reads wait for a first API call at most. */
  static final java.time.Duration SETTLE_AT_MOST = java.time.Duration.ofSeconds(1);

  private final Deque<AutoCloseable> started;
  private final ApiServer api;
  private final List<Endpoint> endpoints;
  private final ListenerRegistry listeners;
  private final List<String> modules;
  private final Store store;

  private StratusServer(Deque<AutoCloseable> started, ApiServer api, List<Endpoint> endpoints, ListenerRegistry listeners,
      List<String> modules, Store store) {
    this.started = started;
    this.api = api;
    this.endpoints = endpoints;
    this.listeners = listeners;
    this.modules = modules;
    this.store = store;
  }

  /** Starts Stratus with the API server the protocol layer provides. */
  public static StratusServer start(Settings settings, Clock clock) throws Exception {
    return start(settings, clock, ApiServers.DEFAULT);
  }

  static StratusServer start(Settings settings, Clock clock, ApiServer.Starter apiStarter) throws Exception {
    // Netty's JFR events cost ~100 ms of JFR metadata at the first buffer; -Dio.netty.jfr.enabled=true restores them.
    if (System.getProperty("io.netty.jfr.enabled") == null) System.setProperty("io.netty.jfr.enabled", "false");
    Deque<AutoCloseable> started = new ArrayDeque<>();
    try {
      Store store = Stores.open(settings);
      started.push(store);
      store.holdUntilStartedUp(); // data planes' first full reads wait until API calls are answered
      var extensions = new Extensions();
      var listeners = new ListenerRegistry();
      extensions.provide(ListenerRegistry.class, listeners);
      extensions.provide(HttpFilterRegistry.class, new HttpFilterRegistry());
      extensions.provide(VirtualHosts.class, new VirtualHosts());
      extensions.provide(DnsTargetRegistry.class, DnsTargetRegistry.inMemory());
      var context = new StratusContext(store, clock, settings, extensions);
      List<Object> handlers = new ArrayList<>();
      List<Endpoint> moduleEndpoints = new ArrayList<>();
      List<String> names = new ArrayList<>();
      List<ServiceModule> found = new ArrayList<>();
      ServiceLoader.load(ServiceModule.class).forEach(found::add);
      List<ServiceModule> ordered = ModuleOrder.sort(found, SERVER_PROVIDES);
      for (ServiceModule module : ordered) module.reserveAddresses(context);
      for (ServiceModule module : ordered) {
        long startedAt = System.nanoTime();
        var result = module.start(context);
        long ms = (System.nanoTime() - startedAt) / 1_000_000;
        result.resources().forEach(started::push);
        for (Class<?> type : module.provides()) {
          if (extensions.find(type).isEmpty()) {
            throw new IllegalStateException(module.name() + " declares it provides " + type.getName() + " but did not");
          }
        }
        handlers.addAll(result.apiHandlers());
        moduleEndpoints.addAll(result.endpoints());
        names.add(module.name());
        // start-up is a budget (bench/startup.sh): --log-level FINE shows which module spends it
        LOG.fine(() -> "started " + module.name() + " in " + ms + " ms with " + result.apiHandlers().size() + " API handlers");
      }
      var endpoints = new ArrayList<Endpoint>();
      var api = apiStarter.start(settings.bindAddress(), settings.apiPort(), List.copyOf(handlers), clock,
          () -> withRuntimeListeners(endpoints, listeners), extensions);
      started.push(api);
      afterFirstAnswer(api, () -> {
        store.startUpDone(); // now the data planes' first full reads (each on its own thread)
        store.loadInBackground(); // and the tables no one has read yet
      });
      endpoints.add(new Endpoint("AWS APIs", "http", settings.bindAddress(), api.port()));
      endpoints.addAll(moduleEndpoints);
      return new StratusServer(started, api, List.copyOf(endpoints), listeners, List.copyOf(names), store);
    } catch (Exception | Error e) {
      closeAll(started);
      throw e;
    }
  }

  /**
   * Runs {@code work} once the API server has written its first answer, or {@link #SETTLE_AT_MOST}
   * after it listens when no call comes (data planes come up on their own): the first call does
   * not share the CPU with the data planes' first full reads.
   */
  private static void afterFirstAnswer(ApiServer api, Runnable work) {
    var settled = new java.util.concurrent.CompletableFuture<Void>();
    api.firstAnswer().thenRun(() -> settled.complete(null));
    settled.completeOnTimeout(null, SETTLE_AT_MOST.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .thenRun(work);
  }

  public int apiPort() { return api.port(); }

  /** Where everything listens, the AWS API first, then listeners data planes opened since. */
  public List<Endpoint> endpoints() { return withRuntimeListeners(endpoints, listeners); }

  private static List<Endpoint> withRuntimeListeners(List<Endpoint> atStart, ListenerRegistry listeners) {
    List<Endpoint> all = new ArrayList<>(atStart);
    all.addAll(listeners.endpoints());
    return List.copyOf(all);
  }

  /** The data-plane listeners (also in the extensions modules were given). */
  public ListenerRegistry listeners() { return listeners; }

  /** The names of the service modules that started, in start order. */
  public List<String> modules() { return modules; }

  public Store store() { return store; }

  /** Stops the API server, then every module's resources, then the store. Safe to call twice. */
  @Override
  public void close() {
    synchronized (started) {
      closeAll(started);
    }
  }

  private static void closeAll(Deque<AutoCloseable> started) {
    while (!started.isEmpty()) {
      var next = started.pop();
      try {
        next.close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "closing " + next + " failed", e);
      }
    }
  }
}
