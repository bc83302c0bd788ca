package dev.stratus.ec2.insights;

import dev.stratus.ec2.Ec2Errors;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * The Describe filters of Network Insights: filters are ANDed, a filter's values ORed;
 * {@code tag:<key>} works on both; an unknown filter name is AWS's InvalidParameterValue.
 */
final class InsightsFilters {
  private InsightsFilters() {}

  private static final Map<String, Function<NetworkInsightsPath, Object>> PATH = Map.of(
      "source", NetworkInsightsPath::source, "destination", NetworkInsightsPath::destination,
      "source-ip", NetworkInsightsPath::sourceIp, "destination-ip", NetworkInsightsPath::destinationIp,
      "protocol", NetworkInsightsPath::protocol, "destination-port", NetworkInsightsPath::destinationPort);

  private static final Map<String, Function<NetworkInsightsAnalysis, Object>> ANALYSIS = Map.of(
      "path-found", NetworkInsightsAnalysis::networkPathFound, "status", NetworkInsightsAnalysis::status);

  static List<NetworkInsightsPath> paths(List<Filter> filters, List<NetworkInsightsPath> all) {
    return apply(filters, all, PATH, NetworkInsightsPath::tags);
  }

  static List<NetworkInsightsAnalysis> analyses(List<Filter> filters, List<NetworkInsightsAnalysis> all) {
    return apply(filters, all, ANALYSIS, NetworkInsightsAnalysis::tags);
  }

  private static <T> List<T> apply(List<Filter> filters, List<T> all, Map<String, Function<T, Object>> fields,
      Function<T, Map<String, String>> tags) {
    for (Filter f : filters) {
      String name = f.name();
      if (name == null || !(fields.containsKey(name) || name.startsWith("tag:"))) throw Ec2Errors.invalidFilter(name);
    }
    return all.stream().filter(t -> filters.stream().allMatch(f -> {
      Object v = f.name().startsWith("tag:") ? tags.apply(t).get(f.name().substring(4)) : fields.get(f.name()).apply(t);
      return v != null && f.values().stream().anyMatch(x -> Objects.equals(x, String.valueOf(v)));
    })).toList();
  }
}
