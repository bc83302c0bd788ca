package dev.stratus.core.store;

import java.util.List;

/**
 * Follows committed changes, e.g. a data plane rebuilding its snapshot. Called after commit, on
 * the writer's thread, with every row of one transaction at once; it must be quick (hand heavy
 * work to another thread) and must not write to the store.
 */
@FunctionalInterface
public interface ChangeListener {
  void committed(List<ChangeEvent> events);
}
