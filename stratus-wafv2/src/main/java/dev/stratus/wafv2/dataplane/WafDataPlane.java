package dev.stratus.wafv2.dataplane;

import dev.stratus.core.http.FilterSlot;
import dev.stratus.core.http.FilterVerdict;
import dev.stratus.core.http.HttpFilter;
import dev.stratus.core.http.HttpFilterRegistry;
import dev.stratus.core.http.HttpRequestView;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Store;
import dev.stratus.wafv2.SdkJson;
import dev.stratus.wafv2.model.WafAssociation;
import dev.stratus.wafv2.model.WafEntity;
import dev.stratus.wafv2.model.WafLogging;
import dev.stratus.wafv2.model.WafScope;
import dev.stratus.core.store.Projection;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.services.wafv2.model.IPSet;
import software.amazon.awssdk.services.wafv2.model.LoggingConfiguration;
import software.amazon.awssdk.services.wafv2.model.RegexPatternSet;
import software.amazon.awssdk.services.wafv2.model.RuleGroup;
import software.amazon.awssdk.services.wafv2.model.WebACL;

/**
 * WAF in the traffic path: a projection of web ACLs, the sets and groups they reference, their
 * associations and logging configurations. Every associated resource gets a filter in the WAF slot
 * of the shared {@link HttpFilterRegistry}, rebuilt when anything it depends on changes and removed
 * on disassociation or deletion. Metrics counters and samples live here, per web ACL.
 */
public final class WafDataPlane implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(WafDataPlane.class.getName());

  /** One web ACL as compiled now, with what its filters need besides the evaluator. */
  record Installed(WebACL acl, AclEngine.Compiled compiled, Optional<LoggingConfiguration> logging) {}

  /** The published state: web ACLs by ARN and the resources filtered. */
  record Snapshot(Map<String, Installed> acls, Map<String, String> aclByResource) {}

  private final AclEngine engine;
  private final HttpFilterRegistry filters;
  private final Clock clock;
  private final WafLog log;
  private final Map<String, WafStats> stats = new ConcurrentHashMap<>();
  /** Resources whose own configuration names their web ACL (CloudFront's WebACLId): ARN → web ACL ARN. */
  private final Map<String, String> attached = new ConcurrentHashMap<>();
  private final Projection<Snapshot> projection;

  public WafDataPlane(Store store, AclEngine engine, HttpFilterRegistry filters, Clock clock, Path logDir) {
    this.engine = engine;
    this.filters = filters;
    this.clock = clock;
    this.log = new WafLog(logDir);
    this.projection = Projection.start("wafv2", store, Set.of(WafEntity.WEB_ACLS, WafEntity.RULE_GROUPS,
        WafEntity.IP_SETS, WafEntity.REGEX_PATTERN_SETS, WafAssociation.TABLE, WafLogging.TABLE), this::rebuild);
  }

  /** Waits for every commit seen so far to be applied (tests), and for pending log lines. */
  public Snapshot awaitCurrent() {
    Snapshot s = projection.awaitCurrent();
    log.flush();
    return s;
  }

  /** The counters and samples of a web ACL (created on first use). */
  public WafStats stats(String webAclArn) {
    return stats.computeIfAbsent(webAclArn, a -> new WafStats());
  }

  /** Every web ACL's counters and samples so far, by web ACL ARN (metrics). */
  public Map<String, WafStats> allStats() { return Map.copyOf(stats); }

  /** The compiled form of a web ACL in effect now, if it is associated with anything. */
  public Optional<AclEngine.Compiled> compiled(String webAclArn) {
    Snapshot s = projection.current();
    return s == null ? Optional.empty() : Optional.ofNullable(s.acls().get(webAclArn)).map(Installed::compiled);
  }

  /**
   * Runs {@code webAclArn} for a resource that names it in its own configuration (CloudFront),
   * or stops ({@code null}); see {@link dev.stratus.core.http.WebAcls#use}.
   */
  public void use(String resourceArn, String webAclArn) {
    if (webAclArn == null) attached.remove(resourceArn);
    else attached.put(resourceArn, webAclArn);
    projection.refresh();
  }

  /** Whether some resource's own configuration names {@code webAclArn} now. */
  public boolean inUse(String webAclArn) { return attached.containsValue(webAclArn); }

  /** Where the lines of a log destination are written. */
  public Path logFile(String destinationArn) { return log.fileOf(destinationArn); }

  private Snapshot rebuild(Snapshot previous, List<dev.stratus.core.store.ChangeEvent> events, ReadView view) {
    Map<String, Installed> acls = new HashMap<>();
    Map<String, String> byResource = new HashMap<>();
    List<WafAssociation> associations = new java.util.ArrayList<>(view.listAll(WafAssociation.TABLE));
    attached.forEach((resource, aclArn) -> associations.add(new WafAssociation(resource, aclArn, "", "")));
    for (WafAssociation a : associations) {
      Installed installed = acls.computeIfAbsent(a.webAclArn(), arn -> install(view, arn));
      if (installed == null && previous != null && a.webAclArn().equals(previous.aclByResource().get(a.resourceArn()))) {
        // A web ACL that no longer compiles keeps protecting with its last good form.
        installed = previous.acls().get(a.webAclArn());
        if (installed != null) acls.put(a.webAclArn(), installed);
      }
      if (installed == null) continue;
      byResource.put(a.resourceArn(), a.webAclArn());
      filters.register(a.resourceArn(), FilterSlot.WAF, new WafFilter(a.resourceArn(), installed));
    }
    if (previous != null) {
      previous.aclByResource().keySet().stream().filter(r -> !byResource.containsKey(r))
          .forEach(r -> filters.remove(r, FilterSlot.WAF));
      previous.acls().keySet().stream().filter(arn -> WafEntity.byArn(view, arn).isEmpty()).forEach(engine::forget);
    }
    return new Snapshot(Map.copyOf(acls), Map.copyOf(byResource));
  }

  private Installed install(ReadView view, String aclArn) {
    var entity = WafEntity.byArn(view, aclArn);
    if (entity.isEmpty()) return null;
    WebACL acl = SdkJson.read(entity.get().document(), WebACL.builder());
    try {
      var compiled = engine.compile(acl, references(view));
      var logging = view.get(WafLogging.TABLE, WafScope.storeScopeOfArn(aclArn), aclArn)
          .map(l -> SdkJson.read(l.document(), LoggingConfiguration.builder()));
      return new Installed(acl, compiled, logging);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "web ACL " + aclArn + " does not compile; its resources keep their previous filter", e);
      return null;
    }
  }

  private static AclEngine.References references(ReadView view) {
    return new AclEngine.References() {
      @Override public Optional<IPSet> ipSet(String arn) {
        return WafEntity.byArn(view, arn).map(e -> SdkJson.read(e.document(), IPSet.builder()));
      }

      @Override public Optional<RegexPatternSet> regexPatternSet(String arn) {
        return WafEntity.byArn(view, arn).map(e -> SdkJson.read(e.document(), RegexPatternSet.builder()));
      }

      @Override public Optional<RuleGroup> ruleGroup(String arn) {
        return WafEntity.byArn(view, arn).map(e -> SdkJson.read(e.document(), RuleGroup.builder()));
      }
    };
  }

  /** The resource type of an associated resource's ARN, in AssociationConfig's words. */
  static String resourceType(String resourceArn) {
    if (resourceArn.startsWith("arn:aws:elasticloadbalancing:")) return "APPLICATION_LOAD_BALANCER";
    if (resourceArn.startsWith("arn:aws:apigateway:")) return "API_GATEWAY";
    if (resourceArn.startsWith("arn:aws:cloudfront:")) return "CLOUDFRONT";
    return "UNKNOWN";
  }

  /** The filter of one resource: evaluate, count, sample, log, answer. */
  private final class WafFilter implements HttpFilter {
    private final String resourceArn;
    private final String resourceType;
    private final Installed acl;
    private final WafStats stats;

    WafFilter(String resourceArn, Installed acl) {
      this.resourceArn = resourceArn;
      this.resourceType = resourceType(resourceArn);
      this.acl = acl;
      this.stats = stats(acl.acl().arn());
    }

    @Override
    public FilterVerdict filter(HttpRequestView request) {
      AclEngine.Decision d;
      try {
        d = acl.compiled().evaluate(request, resourceType);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "WAF evaluation failed for " + resourceArn + "; the request passes", e);
        return FilterVerdict.CONTINUE;
      }
      var now = clock.instant();
      stats.record(request, d, now);
      acl.logging().ifPresent(config -> {
        if (!WafLogFormat.keep(config, d)) return;
        String line = WafLogFormat.line(acl.acl(), config, sourceName(), sourceId(), request, d, now,
            UUID.randomUUID().toString());
        config.logDestinationConfigs().forEach(dest -> log.append(dest, line));
      });
      if (d.response().isPresent()) {
        var r = d.response().get();
        return new FilterVerdict.Respond(r.status(), r.headers(), r.body());
      }
      return d.insertedHeaders().isEmpty() ? FilterVerdict.CONTINUE : new FilterVerdict.Continue(d.insertedHeaders());
    }

    private String sourceName() {
      return switch (resourceType) {
        case "APPLICATION_LOAD_BALANCER" -> "ALB";
        case "API_GATEWAY" -> "APIGW";
        case "CLOUDFRONT" -> "CF";
        default -> "-";
      };
    }

    /** ALB: {@code <account>-app/<name>/<id>}; API Gateway: {@code <account>:<api id>:<stage>}. */
    private String sourceId() {
      String[] p = resourceArn.split(":", 6);
      if (p.length < 6) return resourceArn;
      if (resourceType.equals("APPLICATION_LOAD_BALANCER")) return p[4] + "-" + p[5].replaceFirst("^loadbalancer/", "");
      if (resourceType.equals("API_GATEWAY")) {
        String[] path = p[5].split("/"); // /restapis/<id>/stages/<stage>
        return path.length >= 5 ? path[2] + ":" + path[4] : p[5];
      }
      return p[5];
    }
  }

  @Override
  public void close() {
    projection.close();
    Snapshot s = projection.current();
    if (s != null) s.aclByResource().keySet().forEach(r -> filters.remove(r, FilterSlot.WAF));
    log.close();
  }
}
