package dev.stratus.net.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where long-haul fibre runs: a graph of AWS Regions and cable landing hubs
 * ({@code fibre-routes.csv}) whose shortest paths give the length of the route a packet really
 * takes between two places, rather than the great circle (Sydney reaches Frankfurt through
 * Singapore and Suez, São Paulo reaches Dublin through Virginia).
 *
 * <p>A link's length is its great circle stretched by {@link #TERRESTRIAL_STRETCH} or
 * {@link #SUBMARINE_STRETCH}, plus {@link #LINK_COST_MILLIS} of round trip for the equipment at
 * its ends. A place joins the graph over land (stretched like terrestrial links) at its nearest
 * node and at up to two more within {@link #ATTACH_KM} (a Region's own place joins at the Region
 * only), or directly to a place within {@link #DIRECT_KM}. The three constants were
 * fitted by grid search to the 210 inter-Region p50 round trips among 21 Regions that
 * cloudping.co published for the year to 8 April 2022 (test resource
 * {@code cloudping-p50-2022.csv}, {@code FibreRoutesCalibrationTest}): median error 7 %, worst
 * 37 % (10 ms measured between Frankfurt and Paris), against 27 % and 76 % for a constant 1.25×
 * great circle.
 */
public final class FibreRoutes {
  /** Terrestrial fibre runs along roads and rails: 1.6× the great circle (fitted). */
  public static final double TERRESTRIAL_STRETCH = 1.6;
  /** Submarine cable runs nearly straight between landings: 1.1× (fitted). */
  public static final double SUBMARINE_STRETCH = 1.1;
  /** Round-trip cost of each link's end equipment, in milliseconds (fitted). */
  public static final double LINK_COST_MILLIS = 2.0;
  /** Places closer than this may be joined directly over land. */
  public static final double DIRECT_KM = 2_000;
  /** How far a place reaches over land for more than its nearest node. */
  public static final double ATTACH_KM = 1_500;
  private static final int ATTACHMENTS = 3;

  private final List<String> ids;
  private final List<GeoPoint> points;
  private final double[][] km; // effective one-way km between nodes (shortest path)
  private final int[][] next; // path reconstruction: the next node from i towards j

  private FibreRoutes(List<String> ids, List<GeoPoint> points, double[][] km, int[][] next) {
    this.ids = ids;
    this.points = points;
    this.km = km;
    this.next = next;
  }

  /** A route: the nodes it passes (not the two ends) and its effective one-way length in km. */
  public record Route(List<String> via, double effectiveKm) {
    public Route {
      via = List.copyOf(via);
    }
  }

  /** The bundled graph over {@code tables}' Regions. */
  public static FibreRoutes load(GeoTables tables) {
    Map<String, GeoPoint> nodes = new LinkedHashMap<>();
    tables.regions().forEach(r -> nodes.put(r.code(), r.point()));
    List<String[]> links = new ArrayList<>();
    var in = FibreRoutes.class.getResourceAsStream("fibre-routes.csv");
    Objects.requireNonNull(in, "fibre-routes.csv is missing from the classpath");
    try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) continue;
        String[] f = line.split(",");
        switch (f[0]) {
          case "hub" -> nodes.put(f[1], new GeoPoint(Double.parseDouble(f[2]), Double.parseDouble(f[3])));
          case "mesh" -> {
            String[] members = f[2].trim().split("\\s+");
            for (int i = 0; i < members.length; i++) {
              for (int j = i + 1; j < members.length; j++) links.add(new String[] {f[1], members[i], members[j]});
            }
          }
          case "link" -> links.add(new String[] {f[1], f[2], f[3]});
          default -> throw new IllegalStateException("fibre-routes.csv: unknown line " + line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> ids = List.copyOf(nodes.keySet());
    List<GeoPoint> points = ids.stream().map(nodes::get).toList();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) index.put(ids.get(i), i);
    int n = ids.size();
    double[][] km = new double[n][n];
    int[][] next = new int[n][n];
    for (double[] row : km) Arrays.fill(row, Double.POSITIVE_INFINITY);
    for (int i = 0; i < n; i++) {
      km[i][i] = 0;
      Arrays.fill(next[i], -1);
      next[i][i] = i;
    }
    for (String[] l : links) {
      Integer a = index.get(l[1]);
      Integer b = index.get(l[2]);
      if (a == null || b == null) throw new IllegalStateException("fibre-routes.csv: unknown node in " + String.join(",", l));
      double stretch = switch (l[0]) {
        case "terrestrial" -> TERRESTRIAL_STRETCH;
        case "submarine" -> SUBMARINE_STRETCH;
        default -> throw new IllegalStateException("fibre-routes.csv: unknown link kind " + l[0]);
      };
      double w = points.get(a).distanceKm(points.get(b)) * stretch + linkKm();
      if (w < km[a][b]) {
        km[a][b] = km[b][a] = w;
        next[a][b] = b;
        next[b][a] = a;
      }
    }
    for (int m = 0; m < n; m++) { // Floyd–Warshall: a few dozen nodes, once per process
      for (int i = 0; i < n; i++) {
        if (km[i][m] == Double.POSITIVE_INFINITY) continue;
        for (int j = 0; j < n; j++) {
          double v = km[i][m] + km[m][j];
          if (v < km[i][j]) {
            km[i][j] = v;
            next[i][j] = next[i][m];
          }
        }
      }
    }
    return new FibreRoutes(ids, points, km, next);
  }

  /** {@link #LINK_COST_MILLIS} as the one-way fibre length that takes as long. */
  static double linkKm() {
    return LINK_COST_MILLIS / 2 / 1_000 * LatencyModel.FIBRE_KM_PER_SECOND;
  }

  /** Routes already worked out, by their two ends: clients stand at few points, and data planes ask per request. */
  private final Map<List<GeoPoint>, Route> known = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The shortest route between two places. Working one out sorts every node by distance from
   * each end (a few hundred great-circle distances), too slow for a per-request or per-query
   * caller such as an edge choosing itself or latency routing; so routes are remembered.
   */
  public Route route(GeoPoint a, GeoPoint b) {
    List<GeoPoint> ends = List.of(a, b);
    Route route = known.get(ends);
    if (route != null) return route;
    route = shortest(a, b);
    if (known.size() < 65_536) known.put(ends, route); // bounded: a caller with unbounded points pays each time
    return route;
  }

  /** How many routes are remembered (for tests of warming). */
  int knownRoutes() {
    return known.size();
  }

  private Route shortest(GeoPoint a, GeoPoint b) {
    double direct = a.distanceKm(b);
    Route best = direct <= DIRECT_KM ? new Route(List.of(), direct * TERRESTRIAL_STRETCH + (direct > 0 ? linkKm() : 0))
        : null;
    for (int i : nearest(a)) {
      double toI = attachKm(a, i);
      for (int j : nearest(b)) {
        double total = toI + km[i][j] + attachKm(b, j);
        if (best == null || total < best.effectiveKm()) best = new Route(path(i, j), total);
      }
    }
    return best;
  }

  private double attachKm(GeoPoint p, int node) {
    double d = p.distanceKm(points.get(node));
    return d < 1 ? 0 : d * TERRESTRIAL_STRETCH + linkKm();
  }

  /**
   * The nodes a place joins: its nearest, and up to two more within {@link #ATTACH_KM}; only the
   * node itself for a place on one. Each distance is worked out once and the few nearest picked
   * by scanning (a sort whose comparator recomputed great circles cost a first connection tens of
   * milliseconds of cold code on a loaded machine); ties go to the earlier node, as before.
   */
  private int[] nearest(GeoPoint p) {
    int n = points.size();
    double[] d = new double[n];
    for (int i = 0; i < n; i++) d[i] = p.distanceKm(points.get(i));
    int[] picked = new int[Math.min(ATTACHMENTS, n)];
    boolean[] taken = new boolean[n];
    int count = 0;
    while (count < picked.length) {
      int m = -1;
      for (int i = 0; i < n; i++) if (!taken[i] && (m < 0 || d[i] < d[m])) m = i;
      if (count > 0 && d[m] > ATTACH_KM) break;
      taken[m] = true;
      picked[count++] = m;
      if (count == 1 && d[m] < 1) break; // a Region (or hub) itself
    }
    return Arrays.copyOf(picked, count);
  }

  private List<String> path(int i, int j) {
    List<String> out = new ArrayList<>();
    if (next[i][j] < 0) return out;
    out.add(ids.get(i));
    while (i != j) {
      i = next[i][j];
      out.add(ids.get(i));
    }
    return out;
  }
}
