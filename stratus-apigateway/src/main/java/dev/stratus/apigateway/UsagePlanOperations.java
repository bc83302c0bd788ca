package dev.stratus.apigateway;

import dev.stratus.apigateway.model.ApiKey;
import dev.stratus.apigateway.model.QuotaPeriod;
import dev.stratus.apigateway.model.Stage;
import dev.stratus.apigateway.model.UsagePlan;
import dev.stratus.core.RequestContext;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.apigateway.model.*;

/** The API Gateway v1 operations over API keys, usage plans and usage plan keys (apigateway.md §13). */
public final class UsagePlanOperations {
  /** GetUsage covers at most 90 days (AWS keeps usage that long). */
  static final int MAX_USAGE_DAYS = 90;

  private final Store store;
  private final Clock clock;
  private final java.util.function.Supplier<UsageRecords> usage;

  public UsagePlanOperations(Store store, Clock clock) { this(store, clock, () -> UsageRecords.NONE); }

  /** @param usage what the data plane counted (read when asked: the data plane may start later) */
  public UsagePlanOperations(Store store, Clock clock, java.util.function.Supplier<UsageRecords> usage) {
    this.store = store;
    this.clock = clock;
    this.usage = usage;
  }

  /**
   * GetUsage: per key of the plan (or the one asked), per UTC day from startDate to endDate,
   * {@code [used, remaining]}; remaining is what the quota left at the end of that day (the
   * limit minus the period's use so far), or 0 when the plan has no quota.
   */
  public GetUsageResponse getUsage(RequestContext ctx, GetUsageRequest req) {
    UsagePlan p = plan(store, ctx, req.usagePlanId());
    java.time.LocalDate start = date("startDate", req.startDate());
    java.time.LocalDate end = date("endDate", req.endDate());
    if (end.isBefore(start)) throw ApiGatewayErrors.badRequest("The start date must be before the end date");
    if (java.time.temporal.ChronoUnit.DAYS.between(start, end) >= MAX_USAGE_DAYS) {
      throw ApiGatewayErrors.badRequest("The usage data range cannot exceed " + MAX_USAGE_DAYS + " days");
    }
    if (req.keyId() != null && !p.keyIds().contains(req.keyId())) throw ApiGatewayErrors.usagePlanKeyNotFound();
    UsageRecords records = usage.get();
    Map<String, List<List<Long>>> items = new LinkedHashMap<>();
    for (String keyId : req.keyId() == null ? p.keyIds() : List.of(req.keyId())) {
      List<List<Long>> days = new ArrayList<>();
      for (var day = start; !day.isAfter(end); day = day.plusDays(1)) {
        long used = records.used(p.id(), keyId, day);
        long remaining = 0;
        if (p.quota() != null) {
          Instant periodStart = p.quota().period().start(day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), p.quota().offset());
          long inPeriod = 0;
          for (var d = periodStart.atZone(java.time.ZoneOffset.UTC).toLocalDate(); !d.isAfter(day); d = d.plusDays(1)) {
            inPeriod += records.used(p.id(), keyId, d);
          }
          remaining = Math.max(0, p.quota().limit() - inPeriod);
        }
        days.add(List.of(used, remaining));
      }
      items.put(keyId, days);
    }
    return GetUsageResponse.builder().usagePlanId(p.id()).startDate(start.toString()).endDate(end.toString())
        .items(items).build();
  }

  private static java.time.LocalDate date(String name, String value) {
    if (value == null) throw ApiGatewayErrors.required("getUsageInput", name);
    try {
      return java.time.LocalDate.parse(value);
    } catch (java.time.format.DateTimeParseException e) {
      throw ApiGatewayErrors.badRequest("Invalid " + name + " specified: " + value);
    }
  }

  private static ApiKey key(ReadView view, RequestContext ctx, String id) {
    return view.get(ApiKey.TABLE, ctx.regionalScope(), id == null ? "" : id).orElseThrow(ApiGatewayErrors::apiKeyNotFound);
  }

  private static UsagePlan plan(ReadView view, RequestContext ctx, String id) {
    return view.get(UsagePlan.TABLE, ctx.regionalScope(), id == null ? "" : id)
        .orElseThrow(() -> ApiGatewayErrors.usagePlanNotFound(id));
  }

  public CreateApiKeyResponse createApiKey(RequestContext ctx, CreateApiKeyRequest req) {
    String value = req.value() == null ? ApiIds.keyValue() : req.value();
    if (value.length() < 20) throw ApiGatewayErrors.badRequest("API Key value should be at least 20 characters");
    Instant now = clock.instant();
    ApiKey k = new ApiKey(ApiIds.next(10), value, req.name(), req.customerId(), req.description(),
        Boolean.TRUE.equals(req.enabled()), now, now, req.stageKeys() == null ? List.of()
            : req.stageKeys().stream().map(s -> s.restApiId() + "/" + s.stageName()).toList());
    store.write(tx -> {
      if (tx.list(ApiKey.TABLE, ctx.regionalScope()).stream().anyMatch(x -> x.value().equals(value))) {
        throw ApiGatewayErrors.conflict("API Key already exists");
      }
      tx.put(ApiKey.TABLE, ctx.regionalScope(), k.id(), k);
      ApiGatewayTags.put(tx, ctx, "/apikeys/" + k.id(), req.tags());
      return null;
    });
    var s = RestShapes.apiKey(k, true, req.tags() == null ? Map.of() : req.tags());
    return CreateApiKeyResponse.builder().id(s.id()).value(s.value()).name(s.name()).customerId(s.customerId())
        .description(s.description()).enabled(s.enabled()).createdDate(s.createdDate()).lastUpdatedDate(s.lastUpdatedDate())
        .stageKeys(s.stageKeys()).tags(s.hasTags() ? s.tags() : null).build();
  }

  public GetApiKeyResponse getApiKey(RequestContext ctx, GetApiKeyRequest req) {
    var s = RestShapes.apiKey(key(store, ctx, req.apiKey()), Boolean.TRUE.equals(req.includeValue()),
        ApiGatewayTags.of(store, ctx, "/apikeys/" + req.apiKey()));
    return GetApiKeyResponse.builder().id(s.id()).value(s.value()).name(s.name()).customerId(s.customerId())
        .description(s.description()).enabled(s.enabled()).createdDate(s.createdDate()).lastUpdatedDate(s.lastUpdatedDate())
        .stageKeys(s.stageKeys()).tags(s.hasTags() ? s.tags() : null).build();
  }

  public GetApiKeysResponse getApiKeys(RequestContext ctx, GetApiKeysRequest req) {
    return GetApiKeysResponse.builder().items(store.list(ApiKey.TABLE, ctx.regionalScope()).stream()
        .filter(k -> req.nameQuery() == null || (k.name() != null && k.name().startsWith(req.nameQuery())))
        .map(k -> RestShapes.apiKey(k, Boolean.TRUE.equals(req.includeValues()), ApiGatewayTags.of(store, ctx, "/apikeys/" + k.id())))
        .toList()).build();
  }

  public UpdateApiKeyResponse updateApiKey(RequestContext ctx, UpdateApiKeyRequest req) {
    ApiKey k = store.write(tx -> {
      ApiKey old = key(tx, ctx, req.apiKey());
      String[] text = {old.name(), old.description(), old.customerId()};
      boolean[] enabled = {old.enabled()};
      Patches.apply(req.patchOperations(), (op, p, value) -> switch (p[0]) {
        case "name" -> { text[0] = value; yield true; }
        case "description" -> { text[1] = value; yield true; }
        case "customerId" -> { text[2] = value; yield true; }
        case "enabled" -> { enabled[0] = Patches.bool(value); yield true; }
        default -> false;
      });
      ApiKey changed = new ApiKey(old.id(), old.value(), text[0], text[2], text[1], enabled[0], old.createdDate(),
          clock.instant(), old.stageKeys());
      tx.put(ApiKey.TABLE, ctx.regionalScope(), old.id(), changed);
      return changed;
    });
    var s = RestShapes.apiKey(k, false, ApiGatewayTags.of(store, ctx, "/apikeys/" + k.id()));
    return UpdateApiKeyResponse.builder().id(s.id()).name(s.name()).customerId(s.customerId())
        .description(s.description()).enabled(s.enabled()).createdDate(s.createdDate()).lastUpdatedDate(s.lastUpdatedDate())
        .stageKeys(s.stageKeys()).build();
  }

  public DeleteApiKeyResponse deleteApiKey(RequestContext ctx, DeleteApiKeyRequest req) {
    store.write(tx -> {
      key(tx, ctx, req.apiKey());
      tx.delete(ApiKey.TABLE, ctx.regionalScope(), req.apiKey());
      for (UsagePlan p : tx.list(UsagePlan.TABLE, ctx.regionalScope())) {
        if (p.keyIds().contains(req.apiKey())) {
          List<String> keys = new ArrayList<>(p.keyIds());
          keys.remove(req.apiKey());
          tx.put(UsagePlan.TABLE, ctx.regionalScope(), p.id(), p.withKeys(keys));
        }
      }
      ApiGatewayTags.drop(tx, ctx, "/apikeys/" + req.apiKey());
      return null;
    });
    return DeleteApiKeyResponse.builder().build();
  }

  private static List<UsagePlan.ApiStage> stages(ReadView view, RequestContext ctx, List<ApiStage> given) {
    List<UsagePlan.ApiStage> out = new ArrayList<>();
    if (given == null) return out;
    for (ApiStage s : given) {
      // A WebSocket API's stage may be metered too (API keys on its routes).
      var ws = view.get(dev.stratus.apigateway.model.Api.TABLE, ctx.regionalScope(), s.apiId() == null ? "" : s.apiId())
          .filter(a -> "WEBSOCKET".equals(a.protocolType()));
      if (ws.isPresent() && view.get(dev.stratus.apigateway.model.HttpStage.TABLE, ctx.regionalScope(),
          dev.stratus.apigateway.model.HttpStage.key(s.apiId(), s.stage() == null ? "" : s.stage())).isPresent()) {
        out.add(new UsagePlan.ApiStage(s.apiId(), s.stage(), Map.of()));
        continue;
      }
      RestApiOperations.load(view, ctx, s.apiId());
      if (view.get(Stage.TABLE, ctx.regionalScope(), Stage.key(s.apiId(), s.stage() == null ? "" : s.stage())).isEmpty()) {
        throw ApiGatewayErrors.notFound("Invalid stage identifier specified");
      }
      Map<String, UsagePlan.Throttle> t = new LinkedHashMap<>();
      if (s.throttle() != null) s.throttle().forEach((k, v) -> t.put(k, RestShapes.throttle(v)));
      out.add(new UsagePlan.ApiStage(s.apiId(), s.stage(), t));
    }
    return out;
  }

  private static UsagePlan.Quota quota(QuotaSettings q) {
    if (q == null) return null;
    QuotaPeriod period = QuotaPeriod.fromAws(q.periodAsString());
    if (period == null) throw ApiGatewayErrors.badRequest("Invalid quota period specified: " + q.periodAsString());
    int limit = q.limit() == null ? 0 : q.limit();
    if (limit <= 0) throw ApiGatewayErrors.badRequest("Quota limit should be greater than 0");
    int offset = q.offset() == null ? 0 : q.offset();
    int max = switch (period) { case DAY -> 0; case WEEK -> 6; case MONTH -> 27; };
    if (offset < 0 || offset > max) throw ApiGatewayErrors.badRequest("Invalid quota offset specified: " + offset);
    return new UsagePlan.Quota(limit, offset, period);
  }

  public CreateUsagePlanResponse createUsagePlan(RequestContext ctx, CreateUsagePlanRequest req) {
    if (req.name() == null) throw ApiGatewayErrors.required("createUsagePlanInput", "name");
    UsagePlan p = store.write(tx -> {
      UsagePlan plan = new UsagePlan(ApiIds.next(6), req.name(), req.description(), stages(tx, ctx, req.apiStages()),
          RestShapes.throttle(req.throttle()), quota(req.quota()), List.of());
      tx.put(UsagePlan.TABLE, ctx.regionalScope(), plan.id(), plan);
      ApiGatewayTags.put(tx, ctx, "/usageplans/" + plan.id(), req.tags());
      return plan;
    });
    var s = RestShapes.usagePlan(p, req.tags() == null ? Map.of() : req.tags());
    return CreateUsagePlanResponse.builder().id(s.id()).name(s.name()).description(s.description())
        .apiStages(s.apiStages()).throttle(s.throttle()).quota(s.quota()).tags(s.hasTags() ? s.tags() : null).build();
  }

  public GetUsagePlanResponse getUsagePlan(RequestContext ctx, GetUsagePlanRequest req) {
    var s = RestShapes.usagePlan(plan(store, ctx, req.usagePlanId()), ApiGatewayTags.of(store, ctx, "/usageplans/" + req.usagePlanId()));
    return GetUsagePlanResponse.builder().id(s.id()).name(s.name()).description(s.description())
        .apiStages(s.apiStages()).throttle(s.throttle()).quota(s.quota()).tags(s.hasTags() ? s.tags() : null).build();
  }

  public GetUsagePlansResponse getUsagePlans(RequestContext ctx, GetUsagePlansRequest req) {
    return GetUsagePlansResponse.builder().items(store.list(UsagePlan.TABLE, ctx.regionalScope()).stream()
        .filter(p -> req.keyId() == null || p.keyIds().contains(req.keyId()))
        .map(p -> RestShapes.usagePlan(p, ApiGatewayTags.of(store, ctx, "/usageplans/" + p.id()))).toList()).build();
  }

  /**
   * UpdateUsagePlan: {@code /name}, {@code /description}, {@code /throttle/rateLimit},
   * {@code /throttle/burstLimit}, {@code /quota/limit|offset|period}, and {@code /apiStages}
   * add/remove with value {@code <apiId>:<stage>}.
   */
  public UpdateUsagePlanResponse updateUsagePlan(RequestContext ctx, UpdateUsagePlanRequest req) {
    UsagePlan p = store.write(tx -> {
      UsagePlan old = plan(tx, ctx, req.usagePlanId());
      String[] text = {old.name(), old.description()};
      UsagePlan.Throttle[] throttle = {old.throttle()};
      QuotaSettings.Builder q = QuotaSettings.builder();
      boolean[] quotaTouched = {false};
      if (old.quota() != null) q.limit(old.quota().limit()).offset(old.quota().offset()).period(old.quota().period().name());
      List<UsagePlan.ApiStage> apiStages = new ArrayList<>(old.apiStages());
      Patches.apply(req.patchOperations(), (op, path, value) -> {
        switch (path[0]) {
          case "name" -> text[0] = value;
          case "description" -> text[1] = value;
          case "throttle" -> {
            UsagePlan.Throttle t = throttle[0] == null ? new UsagePlan.Throttle(0, 0) : throttle[0];
            if (op.equals("remove")) throttle[0] = null;
            else if (path.length > 1 && path[1].equals("rateLimit")) throttle[0] = new UsagePlan.Throttle(Double.parseDouble(value), t.burstLimit());
            else if (path.length > 1 && path[1].equals("burstLimit")) throttle[0] = new UsagePlan.Throttle(t.rateLimit(), Integer.parseInt(value));
            else return false;
          }
          case "quota" -> {
            quotaTouched[0] = true;
            if (op.equals("remove")) q.limit(null);
            else if (path.length > 1 && path[1].equals("limit")) q.limit(Integer.parseInt(value));
            else if (path.length > 1 && path[1].equals("offset")) q.offset(Integer.parseInt(value));
            else if (path.length > 1 && path[1].equals("period")) q.period(value);
            else return false;
          }
          case "apiStages" -> {
            String[] parts = value == null ? new String[0] : value.split(":");
            if (parts.length != 2) return false;
            if (op.equals("remove")) {
              if (!apiStages.removeIf(s -> s.apiId().equals(parts[0]) && s.stage().equals(parts[1]))) {
                throw ApiGatewayErrors.notFound("Invalid API Stage specified: " + value);
              }
            } else {
              apiStages.addAll(stages(tx, ctx, List.of(ApiStage.builder().apiId(parts[0]).stage(parts[1]).build())));
            }
          }
          default -> {
            return false;
          }
        }
        return true;
      });
      QuotaSettings qs = q.build();
      UsagePlan.Quota quota = quotaTouched[0] ? (qs.limit() == null ? null : quota(qs)) : old.quota();
      UsagePlan changed = new UsagePlan(old.id(), text[0], text[1], apiStages, throttle[0], quota, old.keyIds());
      tx.put(UsagePlan.TABLE, ctx.regionalScope(), old.id(), changed);
      return changed;
    });
    var s = RestShapes.usagePlan(p, ApiGatewayTags.of(store, ctx, "/usageplans/" + p.id()));
    return UpdateUsagePlanResponse.builder().id(s.id()).name(s.name()).description(s.description())
        .apiStages(s.apiStages()).throttle(s.throttle()).quota(s.quota()).build();
  }

  public DeleteUsagePlanResponse deleteUsagePlan(RequestContext ctx, DeleteUsagePlanRequest req) {
    store.write(tx -> {
      plan(tx, ctx, req.usagePlanId());
      tx.delete(UsagePlan.TABLE, ctx.regionalScope(), req.usagePlanId());
      ApiGatewayTags.drop(tx, ctx, "/usageplans/" + req.usagePlanId());
      return null;
    });
    return DeleteUsagePlanResponse.builder().build();
  }

  public CreateUsagePlanKeyResponse createUsagePlanKey(RequestContext ctx, CreateUsagePlanKeyRequest req) {
    if (!"API_KEY".equals(req.keyType())) throw ApiGatewayErrors.badRequest("Invalid key type specified: " + req.keyType());
    ApiKey k = store.write(tx -> {
      UsagePlan p = plan(tx, ctx, req.usagePlanId());
      ApiKey key = tx.get(ApiKey.TABLE, ctx.regionalScope(), req.keyId() == null ? "" : req.keyId())
          .orElseThrow(() -> ApiGatewayErrors.notFound("Invalid API Key identifier specified"));
      if (p.keyIds().contains(key.id())) throw ApiGatewayErrors.conflict("Usage Plan " + p.id() + " already has API Key " + key.id());
      // A key may not reach one API stage through two plans (AWS refuses it the same way).
      for (UsagePlan other : tx.list(UsagePlan.TABLE, ctx.regionalScope())) {
        if (!other.keyIds().contains(key.id())) continue;
        for (UsagePlan.ApiStage s : other.apiStages()) {
          if (p.apiStages().stream().anyMatch(x -> x.apiId().equals(s.apiId()) && x.stage().equals(s.stage()))) {
            throw ApiGatewayErrors.conflict("Usage Plan " + p.id() + " cannot be added because API Key " + key.id()
                + " cannot reference multiple Usage Plans with the same API Stage: " + s.apiId() + ":" + s.stage());
          }
        }
      }
      List<String> keys = new ArrayList<>(p.keyIds());
      keys.add(key.id());
      tx.put(UsagePlan.TABLE, ctx.regionalScope(), p.id(), p.withKeys(keys));
      return key;
    });
    return CreateUsagePlanKeyResponse.builder().id(k.id()).type("API_KEY").name(k.name()).value(k.value()).build();
  }

  public GetUsagePlanKeyResponse getUsagePlanKey(RequestContext ctx, GetUsagePlanKeyRequest req) {
    UsagePlan p = plan(store, ctx, req.usagePlanId());
    if (!p.keyIds().contains(req.keyId())) throw ApiGatewayErrors.usagePlanKeyNotFound();
    ApiKey k = key(store, ctx, req.keyId());
    return GetUsagePlanKeyResponse.builder().id(k.id()).type("API_KEY").name(k.name()).value(k.value()).build();
  }

  public GetUsagePlanKeysResponse getUsagePlanKeys(RequestContext ctx, GetUsagePlanKeysRequest req) {
    UsagePlan p = plan(store, ctx, req.usagePlanId());
    return GetUsagePlanKeysResponse.builder().items(p.keyIds().stream()
        .map(id -> store.get(ApiKey.TABLE, ctx.regionalScope(), id)).flatMap(java.util.Optional::stream)
        .map(k -> UsagePlanKey.builder().id(k.id()).type("API_KEY").name(k.name()).value(k.value()).build()).toList()).build();
  }

  public DeleteUsagePlanKeyResponse deleteUsagePlanKey(RequestContext ctx, DeleteUsagePlanKeyRequest req) {
    store.write(tx -> {
      UsagePlan p = plan(tx, ctx, req.usagePlanId());
      if (!p.keyIds().contains(req.keyId())) throw ApiGatewayErrors.usagePlanKeyNotFound();
      List<String> keys = new ArrayList<>(p.keyIds());
      keys.remove(req.keyId());
      tx.put(UsagePlan.TABLE, ctx.regionalScope(), p.id(), p.withKeys(keys));
      return null;
    });
    return DeleteUsagePlanKeyResponse.builder().build();
  }
}
