package dev.stratus.app.plan;

import dev.stratus.app.plan.Planner.ArchitectureResult;
import dev.stratus.app.plan.Planner.PopulationResult;
import java.util.List;
import java.util.Locale;

/** A planner's results as a text table and as an HTML page with an SVG chart. */
public final class PlanReport {
  private PlanReport() {}

  public static String text(List<ArchitectureResult> results) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%-28s %9s %9s %9s %9s %9s %9s %11s %9s %12s%n", "", "RTT", "RTT", "felt", "felt",
        "felt", "new conn", "", "", ""));
    b.append(String.format(Locale.ROOT, "%-28s %9s %9s %9s %9s %9s %9s %11s %9s %12s%n", "architecture", "p50 ms", "p90 ms",
        "p50 ms", "p90 ms", "p99 ms", "ms", "session s", "stalls s", "USD/month"));
    for (ArchitectureResult r : results) {
      var f = r.felt();
      b.append(String.format(Locale.ROOT, "%-28s %9.0f %9.0f %9.0f %9.0f %9.0f %9.0f %11.1f %9.2f %12.2f%n",
          r.architecture().name(), r.p50Ms(), r.p90Ms(), f.p50Ms(), f.p90Ms(), f.p99Ms(), r.newConnectionMs(),
          r.sessionSeconds(), r.stallSeconds(), r.cost().total()));
    }
    b.append("(RTT: the path's minimum round trip; felt: per round trip with queueing delay (ITU-T Y.1541's IPDV")
        .append(System.lineSeparator())
        .append(" objective on internet legs, a tenth on the backbone) and TCP's waits to retransmit lost packets, over")
        .append(System.lineSeparator())
        .append(" the connection that lost them; new conn: mean wait before a new connection's first request leaves, TCP")
        .append(System.lineSeparator())
        .append(" and TLS handshakes; session: mean felt round trip x round trips + new conn x new connections; stalls:")
        .append(System.lineSeparator())
        .append(" the part of a session spent waiting for retransmissions)")
        .append(System.lineSeparator());
    if (results.size() > 1) tradeOffs(b, results);
    perPopulation(b, results, "p50 round trip per population (ms):", PopulationResult::p50Ms);
    perPopulation(b, results, "felt p99 round trip per population (ms):", p -> p.felt().p99Ms());
    perPopulation(b, results, "stalls per session per population (s):", PopulationResult::stallSeconds);
    perPopulation(b, results, "new connection per population (ms):", PopulationResult::newConnectionMs);
    b.append(System.lineSeparator()).append("monthly cost by part (USD):").append(System.lineSeparator());
    b.append(String.format(Locale.ROOT, "%-28s %9s %9s %9s %9s %9s %11s%n", "architecture", "regions", "licences",
        "data out", "GA", "database", "replication"));
    for (ArchitectureResult r : results) {
      var c = r.cost();
      b.append(String.format(Locale.ROOT, "%-28s %9.2f %9.2f %9.2f %9.2f %9.2f %11.2f%n", r.architecture().name(),
          c.regions(), c.licences(), c.dataOut(), c.globalAccelerator(), c.database(), c.replication()));
    }
    return b.toString();
  }

  private static void tradeOffs(StringBuilder b, List<ArchitectureResult> results) {
    b.append(System.lineSeparator()).append("what each buys over ").append(results.getFirst().architecture().name())
        .append(", as a share of the most any architecture here buys, and what it costs more:").append(System.lineSeparator());
    b.append(String.format(Locale.ROOT, "%-28s", "architecture"));
    for (String m : TradeOff.METRICS) b.append(String.format(Locale.ROOT, " %9s", m));
    b.append(String.format(Locale.ROOT, " %18s%n", "extra USD/month"));
    for (TradeOff t : TradeOff.againstFirst(results)) {
      b.append(String.format(Locale.ROOT, "%-28s", t.architecture()));
      for (double g : t.gains()) b.append(String.format(Locale.ROOT, " %8.0f%%", g * 100));
      b.append(String.format(Locale.ROOT, " %10.2f (%3.0f%%)%n", t.extraUsd(), t.extraCostShare() * 100));
    }
  }

  private static void perPopulation(StringBuilder b, List<ArchitectureResult> results, String title,
      java.util.function.ToDoubleFunction<PopulationResult> value) {
    b.append(System.lineSeparator()).append(title).append(System.lineSeparator());
    b.append(String.format(Locale.ROOT, "%-20s", "population"));
    for (ArchitectureResult r : results) b.append(String.format(Locale.ROOT, " %14s", shorten(r.architecture().name())));
    b.append(System.lineSeparator());
    List<PopulationResult> first = results.getFirst().populations();
    for (int i = 0; i < first.size(); i++) {
      b.append(String.format(Locale.ROOT, "%-20s", shorten(first.get(i).population())));
      for (ArchitectureResult r : results) {
        b.append(String.format(Locale.ROOT, " %14s", number(value.applyAsDouble(r.populations().get(i)))));
      }
      b.append(System.lineSeparator());
    }
  }

  /** An HTML page: a bar per architecture (p50 and p90 round trip) beside its monthly cost. */
  public static String html(String title, List<ArchitectureResult> results) {
    double maxRtt = results.stream().mapToDouble(ArchitectureResult::p90Ms).max().orElse(1);
    double maxCost = results.stream().mapToDouble(r -> r.cost().total()).max().orElse(1);
    int rowHeight = 48;
    int width = 900;
    int height = 60 + rowHeight * results.size();
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height));
    svg.append("<text x=\"240\" y=\"20\" font-weight=\"bold\">round trip (p50 solid, p90 light)</text>\n");
    svg.append("<text x=\"640\" y=\"20\" font-weight=\"bold\">USD per month</text>\n");
    int y = 40;
    for (ArchitectureResult r : results) {
      double p50 = 360 * r.p50Ms() / maxRtt;
      double p90 = 360 * r.p90Ms() / maxRtt;
      double cost = 220 * r.cost().total() / Math.max(maxCost, 1e-9);
      svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\">%s</text>%n", y + 18, escape(r.architecture().name())));
      svg.append(String.format(Locale.ROOT, "<rect x=\"240\" y=\"%d\" width=\"%.1f\" height=\"24\" fill=\"#9ecae1\"/>%n", y, p90));
      svg.append(String.format(Locale.ROOT, "<rect x=\"240\" y=\"%d\" width=\"%.1f\" height=\"24\" fill=\"#3182bd\"/>%n", y, p50));
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%.0f / %.0f ms</text>%n", 246 + p90, y + 17, r.p50Ms(), r.p90Ms()));
      svg.append(String.format(Locale.ROOT, "<rect x=\"640\" y=\"%d\" width=\"%.1f\" height=\"24\" fill=\"#fd8d3c\"/>%n", y, cost));
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">$%,.0f</text>%n", 646 + cost, y + 17, r.cost().total()));
      y += rowHeight;
    }
    svg.append("</svg>\n");
    return "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title></head>\n<body>\n<h1>"
        + escape(title) + "</h1>\n" + svg + "<pre>" + escape(text(results)) + "</pre>\n</body></html>\n";
  }

  /** Whole numbers for milliseconds, one decimal below 10 (seconds of stalls). */
  private static String number(double v) {
    return String.format(Locale.ROOT, Math.abs(v) < 10 ? "%.1f" : "%.0f", v);
  }

  private static String shorten(String s) { return s.length() <= 14 ? s : s.substring(0, 13) + "…"; }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
