package dev.stratus.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The order service modules start in: every module after the modules that provide what it
 * {@linkplain ServiceModule#needs() needs}; otherwise in the order given (ServiceLoader's), so
 * the order is the same on every start.
 */
public final class ModuleOrder {
  private ModuleOrder() {}

  /**
   * Sorts {@code modules} so that providers start before the modules that need them.
   *
   * @param available extensions there before any module starts (provided by the server itself)
   * @throws IllegalStateException when a need has no provider, two modules provide the same
   *     extension, or needs form a cycle; the message names the modules
   */
  public static <M extends ServiceModule> List<M> sort(List<M> modules, Set<Class<?>> available) {
    Map<Class<?>, M> providers = new HashMap<>();
    for (M module : modules) {
      for (Class<?> type : module.provides()) {
        if (available.contains(type)) {
          throw new IllegalStateException(module.name() + " provides " + type.getSimpleName() + ", which the server provides");
        }
        M other = providers.putIfAbsent(type, module);
        if (other != null) {
          throw new IllegalStateException(type.getSimpleName() + " is provided by both " + other.name() + " and " + module.name());
        }
      }
    }
    for (M module : modules) {
      for (Class<?> type : module.needs()) {
        if (!available.contains(type) && !providers.containsKey(type)) {
          throw new IllegalStateException(module.name() + " needs " + type.getName() + ", which no module provides");
        }
      }
    }
    // Kahn's algorithm, always taking the first ready module in the given order: stable.
    List<M> pending = new ArrayList<>(modules);
    List<M> sorted = new ArrayList<>(modules.size());
    Set<Class<?>> provided = new LinkedHashSet<>(available);
    while (!pending.isEmpty()) {
      M next = pending.stream().filter(m -> provided.containsAll(m.needs())).findFirst().orElse(null);
      if (next == null) {
        throw new IllegalStateException("service modules need each other in a cycle: " + pending.stream()
            .map(m -> m.name() + " needs " + m.needs().stream().map(Class::getSimpleName).sorted().toList())
            .collect(Collectors.joining(", ")));
      }
      pending.remove(next);
      sorted.add(next);
      provided.addAll(next.provides());
    }
    return sorted;
  }
}
