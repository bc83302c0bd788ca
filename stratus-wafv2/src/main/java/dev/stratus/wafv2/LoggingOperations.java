package dev.stratus.wafv2;

import dev.stratus.core.Pagination;
import dev.stratus.core.RequestContext;
import dev.stratus.core.store.Store;
import dev.stratus.wafv2.model.WafEntity;
import dev.stratus.wafv2.model.WafLogging;
import dev.stratus.wafv2.model.WafScope;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.wafv2.model.*;

/**
 * Logging configurations of web ACLs. AWS delivers to one Firehose stream, S3 bucket or CloudWatch
 * Logs group whose name starts {@code aws-waf-logs-}; Stratus writes the same lines to a file per
 * destination under its data directory (see the data plane's WafLog).
 */
public final class LoggingOperations {
  private static final Pattern DESTINATION = Pattern.compile(
      "arn:aws:(firehose:[a-z0-9-]+:\\d{12}:deliverystream/|s3:::|logs:[a-z0-9-]+:\\d{12}:log-group:)aws-waf-logs-[^:/]*(:\\*)?");

  private final Store store;

  public LoggingOperations(Store store) { this.store = store; }

  public PutLoggingConfigurationResponse putLoggingConfiguration(RequestContext ctx, PutLoggingConfigurationRequest req) {
    LoggingConfiguration c = req.loggingConfiguration();
    if (c == null || c.resourceArn() == null) throw WafErrors.invalidArn("RESOURCE_ARN", "null");
    if (WafEntity.tableOf(c.resourceArn()) != WafEntity.WEB_ACLS) throw WafErrors.invalidArn("RESOURCE_ARN", c.resourceArn());
    if (c.logDestinationConfigs().size() != 1) {
      throw WafErrors.invalid("You can only use one log destination per web ACL.", "LOG_DESTINATION",
          String.valueOf(c.logDestinationConfigs()));
    }
    String dest = c.logDestinationConfigs().getFirst();
    if (!DESTINATION.matcher(dest).matches()) throw WafErrors.invalidArn("LOG_DESTINATION", dest);
    String scope = WafScope.storeScopeOfArn(c.resourceArn());
    var stored = c.toBuilder().managedByFirewallManager(false).build();
    store.write(tx -> {
      if (WafEntity.byArn(tx, c.resourceArn()).isEmpty()) throw WafErrors.nonexistentItem();
      tx.put(WafLogging.TABLE, scope, c.resourceArn(), new WafLogging(c.resourceArn(), SdkJson.write(stored)));
      return null;
    });
    return PutLoggingConfigurationResponse.builder().loggingConfiguration(stored).build();
  }

  public GetLoggingConfigurationResponse getLoggingConfiguration(RequestContext ctx, GetLoggingConfigurationRequest req) {
    String scope = WafScope.storeScopeOfArn(req.resourceArn());
    if (scope == null) throw WafErrors.invalidArn("RESOURCE_ARN", String.valueOf(req.resourceArn()));
    var c = store.get(WafLogging.TABLE, scope, req.resourceArn()).orElseThrow(WafErrors::nonexistentItem);
    return GetLoggingConfigurationResponse.builder()
        .loggingConfiguration(SdkJson.read(c.document(), LoggingConfiguration.builder())).build();
  }

  public DeleteLoggingConfigurationResponse deleteLoggingConfiguration(RequestContext ctx,
      DeleteLoggingConfigurationRequest req) {
    String scope = WafScope.storeScopeOfArn(req.resourceArn());
    if (scope == null) throw WafErrors.invalidArn("RESOURCE_ARN", String.valueOf(req.resourceArn()));
    store.write(tx -> {
      if (!tx.delete(WafLogging.TABLE, scope, req.resourceArn())) throw WafErrors.nonexistentItem();
      return null;
    });
    return DeleteLoggingConfigurationResponse.builder().build();
  }

  public ListLoggingConfigurationsResponse listLoggingConfigurations(RequestContext ctx,
      ListLoggingConfigurationsRequest req) {
    WafScope scope = Resources.scope(ctx, req.scopeAsString());
    int limit = req.limit() == null ? Resources.MAX_LIMIT : req.limit();
    if (limit < 1 || limit > Resources.MAX_LIMIT) throw WafErrors.invalidParameter("LIMIT", String.valueOf(limit));
    var all = store.list(WafLogging.TABLE, Resources.storeScope(ctx, scope));
    var page = Pagination.page(all, WafLogging::webAclArn, req.nextMarker(), limit,
        m -> WafErrors.invalidParameter("NEXT_MARKER", m));
    return ListLoggingConfigurationsResponse.builder()
        .loggingConfigurations(page.items().stream().map(l -> SdkJson.read(l.document(), LoggingConfiguration.builder())).toList())
        .nextMarker(page.nextMarker().orElse(null)).build();
  }
}
