package dev.stratus.route53;

import dev.stratus.core.RequestContext;
import dev.stratus.core.store.ReadView;
import dev.stratus.route53.model.HealthCheck;
import dev.stratus.route53.model.HealthCheckConfig;
import dev.stratus.route53.model.HealthCheckObservation;
import dev.stratus.route53.model.HealthCheckType;
import dev.stratus.route53.model.ResourceTags;
import dev.stratus.route53.model.Route53Tables;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.services.route53.model.CreateHealthCheckRequest;
import software.amazon.awssdk.services.route53.model.CreateHealthCheckResponse;
import software.amazon.awssdk.services.route53.model.DeleteHealthCheckRequest;
import software.amazon.awssdk.services.route53.model.DeleteHealthCheckResponse;
import software.amazon.awssdk.services.route53.model.GetHealthCheckCountRequest;
import software.amazon.awssdk.services.route53.model.GetHealthCheckCountResponse;
import software.amazon.awssdk.services.route53.model.GetHealthCheckLastFailureReasonRequest;
import software.amazon.awssdk.services.route53.model.GetHealthCheckLastFailureReasonResponse;
import software.amazon.awssdk.services.route53.model.GetHealthCheckRequest;
import software.amazon.awssdk.services.route53.model.GetHealthCheckResponse;
import software.amazon.awssdk.services.route53.model.GetHealthCheckStatusRequest;
import software.amazon.awssdk.services.route53.model.GetHealthCheckStatusResponse;
import software.amazon.awssdk.services.route53.model.ListHealthChecksRequest;
import software.amazon.awssdk.services.route53.model.ListHealthChecksResponse;
import software.amazon.awssdk.services.route53.model.StatusReport;
import software.amazon.awssdk.services.route53.model.UpdateHealthCheckRequest;
import software.amazon.awssdk.services.route53.model.UpdateHealthCheckResponse;

/**
 * Route 53 health-check operations (route53.md §22–31). Configuration lives in the store; the
 * runtime status comes from a {@link HealthStatusSource} supplied by the data plane.
 */
public final class HealthCheckOperations {
  /*
   * Deleting: AWS's current API reference says Route 53 does not prevent deleting a health check
   * that record sets still use (the records then behave unpredictably), so Stratus allows it too.
   * A check that a CALCULATED check lists as a child is refused with HealthCheckInUse (inferred:
   * otherwise the parent would point at nothing).
   */

  /** Most health checks per account (route53.md §42). */
  public static final int MAX_PER_ACCOUNT = 200;
  /** Largest page of ListHealthChecks and its default. */
  public static final int MAX_PAGE = 1000;
  public static final int DEFAULT_PAGE = 100;

  private final Route53State state;
  private final Supplier<HealthStatusSource> status;

  HealthCheckOperations(Route53State state, Supplier<HealthStatusSource> status) {
    this.state = state;
    this.status = Objects.requireNonNull(status, "status");
  }

  /** Idempotent on CallerReference: the same reference and configuration return the existing check. */
  public CreateHealthCheckResponse createHealthCheck(RequestContext ctx, CreateHealthCheckRequest req) {
    String account = ctx.globalScope();
    if (req.callerReference() == null || req.callerReference().isEmpty()) throw Route53Errors.missing("callerReference");
    var config = HealthCheckShapes.fromSdk(req.healthCheckConfig());
    return state.store.write(tx -> {
      var all = tx.list(Route53Tables.HEALTH_CHECKS, account);
      var same = all.stream().filter(h -> h.callerReference().equals(req.callerReference())).findFirst();
      if (same.isPresent()) {
        if (!same.get().config().equals(config)) throw Route53Errors.healthCheckAlreadyExists();
        return response(same.get());
      }
      if (all.size() >= MAX_PER_ACCOUNT) throw Route53Errors.tooManyHealthChecks();
      checkChildren(tx, account, config, null);
      var hc = new HealthCheck(UUID.randomUUID().toString(), account, req.callerReference(), config, 1, state.clock.instant());
      tx.put(Route53Tables.HEALTH_CHECKS, account, hc.id(), hc);
      return response(hc);
    });
  }

  private static CreateHealthCheckResponse response(HealthCheck hc) {
    return CreateHealthCheckResponse.builder().healthCheck(HealthCheckShapes.toSdk(hc))
        .location("https://route53.amazonaws.com/2013-04-01/healthcheck/" + hc.id()).build();
  }

  /** CALCULATED children must exist and not be CALCULATED themselves (route53.md §28). */
  private static void checkChildren(ReadView view, String account, HealthCheckConfig config, String self) {
    for (String child : config.childHealthChecks()) {
      var hc = Route53State.healthCheck(view, account, child);
      if (hc.config().type() == HealthCheckType.CALCULATED || child.equals(self)) {
        throw Route53Errors.invalidInput("Invalid parameter: a calculated health check cannot monitor the calculated"
            + " health check " + child + ".");
      }
    }
  }

  public GetHealthCheckResponse getHealthCheck(RequestContext ctx, GetHealthCheckRequest req) {
    var hc = Route53State.healthCheck(state.store, ctx.globalScope(), req.healthCheckId());
    return GetHealthCheckResponse.builder().healthCheck(HealthCheckShapes.toSdk(hc)).build();
  }

  /** Checks in creation order; {@code Marker} is the id of the first check of the page. */
  public ListHealthChecksResponse listHealthChecks(RequestContext ctx, ListHealthChecksRequest req) {
    int max = Route53Shapes.maxItems(req.maxItems(), DEFAULT_PAGE, MAX_PAGE);
    var all = state.store.list(Route53Tables.HEALTH_CHECKS, ctx.globalScope()).stream()
        .sorted(Comparator.comparing(HealthCheck::createdAt).thenComparing(HealthCheck::id)).toList();
    int start = 0;
    if (req.marker() != null) {
      while (start < all.size() && !all.get(start).id().equals(req.marker())) start++;
      if (start == all.size()) throw Route53Errors.invalidPaginationToken();
    }
    boolean truncated = start + max < all.size();
    return ListHealthChecksResponse.builder()
        .healthChecks(all.subList(start, Math.min(all.size(), start + max)).stream().map(HealthCheckShapes::toSdk).toList())
        .marker(req.marker()).maxItems(String.valueOf(max)).isTruncated(truncated)
        .nextMarker(truncated ? all.get(start + max).id() : null).build();
  }

  public GetHealthCheckCountResponse getHealthCheckCount(RequestContext ctx, GetHealthCheckCountRequest req) {
    return GetHealthCheckCountResponse.builder()
        .healthCheckCount((long) state.store.list(Route53Tables.HEALTH_CHECKS, ctx.globalScope()).size()).build();
  }

  /**
   * Updates the mutable fields; Type, RequestInterval and MeasureLatency are not in the request,
   * and a check addressed by name cannot switch to an IP address (route53.md §22).
   */
  public UpdateHealthCheckResponse updateHealthCheck(RequestContext ctx, UpdateHealthCheckRequest req) {
    String account = ctx.globalScope();
    return state.store.write(tx -> {
      var hc = Route53State.healthCheck(tx, account, req.healthCheckId());
      if (req.healthCheckVersion() != null && req.healthCheckVersion() != hc.version()) {
        throw Route53Errors.healthCheckVersionMismatch();
      }
      var updated = HealthCheckShapes.validate(HealthCheckUpdate.apply(hc.config(), req));
      checkChildren(tx, account, updated, hc.id());
      var next = hc.updated(updated);
      tx.put(Route53Tables.HEALTH_CHECKS, account, hc.id(), next);
      return UpdateHealthCheckResponse.builder().healthCheck(HealthCheckShapes.toSdk(next)).build();
    });
  }

  public DeleteHealthCheckResponse deleteHealthCheck(RequestContext ctx, DeleteHealthCheckRequest req) {
    String account = ctx.globalScope();
    return state.store.write(tx -> {
      var hc = Route53State.healthCheck(tx, account, req.healthCheckId());
      tx.list(Route53Tables.HEALTH_CHECKS, account).stream()
          .filter(p -> p.config().childHealthChecks().contains(hc.id())).findFirst()
          .ifPresent(p -> { throw Route53Errors.healthCheckInUse(hc.id(), p.id()); });
      tx.delete(Route53Tables.HEALTH_CHECKS, account, hc.id());
      tx.delete(Route53Tables.TAGS, account, ResourceTags.storeId("healthcheck", hc.id()));
      return DeleteHealthCheckResponse.builder().build();
    });
  }

  public GetHealthCheckStatusResponse getHealthCheckStatus(RequestContext ctx, GetHealthCheckStatusRequest req) {
    var hc = observable(ctx, req.healthCheckId(), "GetHealthCheckStatus");
    return GetHealthCheckStatusResponse.builder().healthCheckObservations(toSdk(status.get().observations(hc))).build();
  }

  public GetHealthCheckLastFailureReasonResponse getHealthCheckLastFailureReason(RequestContext ctx,
      GetHealthCheckLastFailureReasonRequest req) {
    var hc = observable(ctx, req.healthCheckId(), "GetHealthCheckLastFailureReason");
    return GetHealthCheckLastFailureReasonResponse.builder()
        .healthCheckObservations(toSdk(status.get().lastFailures(hc))).build();
  }

  /** AWS cannot report checker observations of a CALCULATED check (API reference). */
  private HealthCheck observable(RequestContext ctx, String id, String operation) {
    var hc = Route53State.healthCheck(state.store, ctx.globalScope(), id);
    if (hc.config().type() == HealthCheckType.CALCULATED) {
      throw Route53Errors.invalidInput("You can't use " + operation + " to get the status of a calculated health check.");
    }
    return hc;
  }

  private static List<software.amazon.awssdk.services.route53.model.HealthCheckObservation> toSdk(
      List<HealthCheckObservation> observations) {
    return observations.stream().map(o -> software.amazon.awssdk.services.route53.model.HealthCheckObservation.builder()
        .region(o.region()).ipAddress(o.ipAddress())
        .statusReport(StatusReport.builder().status(o.status()).checkedTime(o.checkedTime()).build()).build()).toList();
  }

}
