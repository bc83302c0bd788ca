package dev.stratus.app.plan;

import dev.stratus.app.plan.Planner.ArchitectureResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What an architecture buys over the plan's first one (the baseline, e.g. a single Region), as a
 * share of the most that any architecture of the plan buys, metric by metric, beside what it costs
 * more as a share of the largest extra cost: seed 004's question, "performance nearly similar to a
 * multi-region solution, but costs slightly higher than a single-region one", as numbers. A share
 * of 0.9 for stalls means this architecture removes 90 % of the stall time the best one removes.
 *
 * @param gains per metric (RTT p90, felt p99, session, stalls, new connection), the share of the
 *     largest gain; 0 where no architecture gains
 */
public record TradeOff(String architecture, double[] gains, double extraUsd, double extraCostShare) {
  /** The metrics, in the order of {@link #gains}. */
  public static final List<String> METRICS = List.of("RTT p90", "felt p99", "session", "stalls", "new conn");

  private static final List<ToDoubleFunction<ArchitectureResult>> VALUES = List.of(
      ArchitectureResult::p90Ms, r -> r.felt().p99Ms(), ArchitectureResult::sessionSeconds,
      ArchitectureResult::stallSeconds, ArchitectureResult::newConnectionMs);

  /** The share of the largest gain for {@code metric} (one of {@link #METRICS}). */
  public double gain(String metric) {
    return gains[METRICS.indexOf(metric)];
  }

  /** Every architecture after the first, against the first. */
  public static List<TradeOff> againstFirst(List<ArchitectureResult> results) {
    ArchitectureResult base = results.getFirst();
    double[] best = new double[VALUES.size()];
    double mostExtra = 0;
    for (ArchitectureResult r : results) {
      for (int m = 0; m < best.length; m++) {
        best[m] = Math.max(best[m], VALUES.get(m).applyAsDouble(base) - VALUES.get(m).applyAsDouble(r));
      }
      mostExtra = Math.max(mostExtra, r.cost().total() - base.cost().total());
    }
    List<TradeOff> out = new ArrayList<>();
    for (ArchitectureResult r : results.subList(1, results.size())) {
      double[] gains = new double[best.length];
      for (int m = 0; m < best.length; m++) {
        double gain = VALUES.get(m).applyAsDouble(base) - VALUES.get(m).applyAsDouble(r);
        gains[m] = best[m] > 0 ? gain / best[m] : 0;
      }
      double extra = r.cost().total() - base.cost().total();
      out.add(new TradeOff(r.architecture().name(), gains, extra, mostExtra > 0 ? extra / mostExtra : 0));
    }
    return out;
  }
}
