package dev.stratus.protocol.routing;

import dev.stratus.protocol.Operation;
import dev.stratus.protocol.ServiceModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a REST service's operation from method + path + query by its SDK URI templates, most
 * specific template first. Built once per service on first use.
 */
public final class RestRouter {
  /** One template and the operation it belongs to. */
  private record Route(UriTemplate template, String operation) {}

  /** A match: the operation and the labels its template bound. */
  public record Match(Operation operation, Map<String, String> labels) {}

  private final ServiceModel service;
  private final Map<String, List<Route>> byMethod = new HashMap<>();

  public RestRouter(ServiceModel service) {
    this.service = service;
    for (ServiceModel.Binding b : service.bindings()) {
      String method = b.info().httpMethod().name();
      byMethod.computeIfAbsent(method, m -> new ArrayList<>())
          .add(new Route(new UriTemplate(b.info().requestUri()), b.name()));
    }
    byMethod.values().forEach(routes ->
        routes.sort(Comparator.comparingInt((Route r) -> r.template.specificity()).reversed()));
  }

  public Optional<Match> match(String method, String path, Map<String, List<String>> query) {
    for (Route r : byMethod.getOrDefault(method, List.of())) {
      Optional<Map<String, String>> labels = r.template.match(path, query);
      if (labels.isPresent()) {
        Optional<Operation> op = service.operation(r.operation);
        if (op.isPresent()) return Optional.of(new Match(op.get(), labels.get()));
      }
    }
    return Optional.empty();
  }

  /** Whether any template of any method matches the path (for API Gateway v1/v2 routing). */
  public boolean matchesPath(String path, Map<String, List<String>> query) {
    for (List<Route> routes : byMethod.values()) {
      for (Route r : routes) if (r.template.match(path, query).isPresent()) return true;
    }
    return false;
  }
}
