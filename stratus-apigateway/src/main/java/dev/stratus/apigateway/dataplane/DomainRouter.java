package dev.stratus.apigateway.dataplane;

import dev.stratus.apigateway.model.DomainName;
import dev.stratus.net.http.HttpExchange;
import dev.stratus.net.http.HttpService;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A custom domain name's traffic: the longest mapping key that prefixes the path chooses the API
 * and stage; the key is removed and the stage put in front ({@code https://api.example.com/v1/pets}
 * with mapping {@code v1 → (api, prod)} is the API's {@code /prod/pets}); an HTTP API's
 * {@code $default} stage takes the rest as it is. No mapping → 403 {"message":"Missing
 * Authentication Token"}, as API Gateway answers a custom domain path it does not map (AWS
 * knowledge center "api-gateway-403-custom-domain").
 */
final class DomainRouter implements HttpService {
  private final Function<String, HttpService> routers;
  private volatile DomainName domain;

  /** @param routers API id → the API's router (null when the API serves nothing) */
  DomainRouter(DomainName domain, Function<String, HttpService> routers) {
    this.domain = domain;
    this.routers = routers;
  }

  void update(DomainName changed) { this.domain = changed; }

  DomainName domain() { return domain; }

  /** The mapping for a path, and the path left after its key; null when none maps it. */
  record Mapped(DomainName.Mapping mapping, String rest) {}

  static Mapped map(DomainName d, String path) {
    DomainName.Mapping best = null;
    String rest = null;
    for (DomainName.Mapping m : d.mappings().values()) {
      if (m.key().isEmpty()) {
        if (best == null) {
          best = m;
          rest = path;
        }
        continue;
      }
      String prefix = "/" + m.key();
      if ((path.equals(prefix) || path.startsWith(prefix + "/"))
          && (best == null || best.key().length() < m.key().length())) {
        best = m;
        rest = path.substring(prefix.length());
      }
    }
    return best == null ? null : new Mapped(best, rest.isEmpty() ? "/" : rest);
  }

  @Override
  public CompletionStage<FullHttpResponse> serve(HttpExchange ex) {
    QueryStringDecoder uri = new QueryStringDecoder(ex.request().uri());
    Mapped found = map(domain, uri.rawPath());
    HttpService router = found == null ? null : routers.apply(found.mapping().apiId());
    if (router == null) return RestRouter.done(HttpApiRouter.message(403, "Missing Authentication Token"));
    String stage = found.mapping().stage();
    String prefix = stage == null || stage.equals("$default") ? "" : "/" + stage;
    String query = uri.rawQuery();
    ex.request().setUri(prefix + found.rest() + (query.isEmpty() ? "" : "?" + query));
    return router.serve(ex);
  }
}
