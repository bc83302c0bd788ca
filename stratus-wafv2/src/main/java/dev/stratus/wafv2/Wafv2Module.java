package dev.stratus.wafv2;

import dev.stratus.core.ServiceModule;
import dev.stratus.core.StratusContext;
import dev.stratus.core.elb.LoadBalancers;
import dev.stratus.core.http.HttpFilterRegistry;
import dev.stratus.core.http.WebAcls;
import dev.stratus.wafv2.dataplane.AclEngine;
import dev.stratus.wafv2.dataplane.EngineAdapter;
import dev.stratus.wafv2.engine.IpIntel;
import dev.stratus.wafv2.engine.WafEngine;
import dev.stratus.wafv2.dataplane.WafDataPlane;
import dev.stratus.wafv2.dataplane.WafMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * AWS WAF v2 inside Stratus: the control plane over the store, and the data plane that puts each
 * associated web ACL in the WAF slot of the resources' HTTP filter chain.
 */
public final class Wafv2Module implements ServiceModule {
  /**
   * The rule engine Stratus runs. Until the engine of {@code dev.stratus.wafv2.engine} is wired
   * (an adapter to {@link AclEngine}, e.g.
   * {@code c -> new EngineAdapter(new WafEngine(c.clock(), IpIntel.none()))}), the interim one.
   */
  static final Function<StratusContext, AclEngine> DEFAULT_ENGINE = c -> new EngineAdapter(new WafEngine(c.clock(),
      IpIntel.standard(dev.stratus.net.geo.UserLocationTable.of(c.settings().clientLocations()))));

  private volatile WafDataPlane dataPlane;
  private final Function<StratusContext, AclEngine> engine;

  public Wafv2Module() { this(DEFAULT_ENGINE); }

  /** @param engine builds the rule engine the data plane compiles web ACLs with */
  public Wafv2Module(Function<StratusContext, AclEngine> engine) { this.engine = engine; }

  @Override
  public String name() { return "wafv2"; }

  /** The running data plane (after {@link #start}): samples, metrics counters, log files. */
  public WafDataPlane dataPlane() { return dataPlane; }

  /** CloudFront finds WAF's web ACLs here (a distribution's WebACLId); the API port's /_stratus/metrics, the counts. */
  @Override
  public java.util.Set<Class<?>> provides() { return java.util.Set.of(WebAcls.class, WafMetrics.class); }

  @Override
  public Started start(StratusContext context) {
    var store = context.store();
    // Logs go where the data lives (or the temp dir with --ephemeral), as ALB access logs do.
    Path logs = context.settings().dataDir().map(d -> d.resolve("waf-logs"))
        .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "stratus-waf-logs"));
    var filters = context.extensions().find(HttpFilterRegistry.class).orElseGet(HttpFilterRegistry::new);
    var plane = new WafDataPlane(store, engine.apply(context), filters, context.clock(), logs);
    dataPlane = plane;
    context.extensions().provide(WafMetrics.class, new WafMetrics(plane));
    context.extensions().provide(WebAcls.class, new WebAcls() {
      @Override public boolean existsForCloudFront(String arn) {
        String scope = dev.stratus.wafv2.model.WafScope.storeScopeOfArn(arn);
        return scope != null && scope.endsWith("/global")
            && dev.stratus.wafv2.model.WafEntity.tableOf(arn) == dev.stratus.wafv2.model.WafEntity.WEB_ACLS
            && dev.stratus.wafv2.model.WafEntity.byArn(store, arn).isPresent();
      }

      @Override public void use(String resourceArn, String webAclArn) { plane.use(resourceArn, webAclArn); }
    });
    return new Started(List.of(
        new WebAclOperations(store, () -> context.extensions().find(LoadBalancers.class), plane::inUse),
        new RuleGroupOperations(store),
        new SetOperations(store),
        new ManagedRuleGroupOperations(),
        new AssociationOperations(store, () -> context.extensions().find(LoadBalancers.class)),
        new LoggingOperations(store),
        new TagOperations(store),
        new TrafficOperations(store, () -> dataPlane, context.clock())), List.of(plane), List.of());
  }
}
