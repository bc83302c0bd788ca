package dev.stratus.app;

import dev.stratus.core.ClientLocation;
import dev.stratus.net.geo.AwsRegion;
import dev.stratus.net.geo.ClientLocator;
import dev.stratus.net.geo.GeoPoint;
import dev.stratus.net.geo.GeoTables;
import dev.stratus.net.geo.Jitter;
import dev.stratus.net.geo.LatencyModel;
import dev.stratus.net.geo.LossRecovery;
import dev.stratus.net.geo.NetworkPath;
import dev.stratus.net.geo.PathLoss;
import dev.stratus.net.geo.Place;
import dev.stratus.net.geo.RegionLatency;
import dev.stratus.net.geo.UserLocationTable;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code stratus latency}: the latency model's estimate from a place to an AWS region, with its
 * parts, or the ranking of every region (what latency routing decides with). Needs no server.
 */
@Command(name = "latency", mixinStandardHelpOptions = true, description = "Estimate round-trip time from a place or IP to AWS regions (no server needed).")
final class LatencyCommand implements Callable<Integer> {
  @Mixin LogLevelOption logLevel;

  @Option(names = "--from", required = true,
      description = "A city (Sydney), an AWS Region (ap-southeast-2), an edge location (SYD or SYD62), an IP address (located by the config's clientLocations, then the bundled IP database), or LAT,LONG.")
  String from;

  @Option(names = "--to", description = "An AWS Region (us-east-1), an edge location, a city or LAT,LONG; without it, every Region ranked.")
  String to;

  @Option(names = "--config", description = "Configuration file whose clientLocations place IP addresses (default <data-dir>/config.json when present).")
  Path config;

  @Option(names = "--data-dir", description = "Where the default config.json is looked for (default ${DEFAULT-VALUE}).")
  Path dataDir = StartCommand.defaultDataDir();

  private final PrintStream out = System.out;

  @Override
  public Integer call() {
    GeoTables tables = GeoTables.standard();
    LatencyModel model = LatencyModel.standard();
    Optional<Located> origin;
    try {
      origin = locate(from.trim(), tables);
    } catch (ConfigFile.BadConfigException e) {
      System.err.println("stratus latency: " + e.getMessage());
      return 2;
    }
    if (origin.isEmpty()) {
      System.err.println("stratus latency: cannot place \"" + from + "\": not a known city, LAT,LONG, or an address the client-location table or the IP database places"
          + " (Route 53's latency routing ranks such a client from its default location, "
          + dev.stratus.route53.dataplane.RecordSelection.UNPLACED_CLIENT_REGION + ")");
      return 1;
    }
    GeoPoint a = origin.get().point();
    out.printf(Locale.ROOT, "from %s (%.2f, %.2f)%n", origin.get().description(), a.latitude(), a.longitude());
    if (to == null) {
      rank(model, tables, a);
      return 0;
    }
    Optional<Located> target;
    try {
      target = locate(to.trim(), tables);
    } catch (ConfigFile.BadConfigException e) {
      System.err.println("stratus latency: " + e.getMessage());
      return 2;
    }
    if (target.isEmpty()) {
      System.err.println("stratus latency: unknown place \"" + to + "\" (a Region such as us-east-1, an edge location, a city or LAT,LONG)");
      return 2;
    }
    explain(model, a, target.get());
    return 0;
  }

  private record Located(GeoPoint point, String description) {}

  private Optional<Located> locate(String text, GeoTables tables) throws ConfigFile.BadConfigException {
    var region = tables.region(text.toLowerCase(Locale.ROOT));
    if (region.isPresent()) {
      AwsRegion r = region.get();
      return Optional.of(new Located(r.point(), r.code() + " " + r.name() + ", " + r.city() + " (AWS Region)"));
    }
    // An edge location by its airport code, with or without CloudFront's number (SYD, SYD62).
    String code = text.toUpperCase(Locale.ROOT).replaceAll("\\d+$", "");
    var edge = tables.edgeLocations().stream().filter(c -> c.edgeCode().orElse("").equals(code)).findFirst();
    if (edge.isPresent() && text.matches("[A-Za-z]{3}\\d*")) {
      return Optional.of(new Located(edge.get().point(), "edge location " + text.toUpperCase(Locale.ROOT) + ", "
          + edge.get().name() + ", " + edge.get().countryCode()));
    }
    var city = tables.city(text);
    if (city.isPresent()) {
      return Optional.of(new Located(city.get().point(), city.get().name() + ", " + city.get().countryCode() + " (city table)"));
    }
    if (text.matches("-?\\d+(\\.\\d+)?\\s*,\\s*-?\\d+(\\.\\d+)?")) {
      String[] parts = text.split(",");
      try {
        return Optional.of(new Located(new GeoPoint(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim())), "coordinates"));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    if (!text.matches("[0-9a-fA-F:.]+") || !(text.contains(".") || text.contains(":"))) {
      return Optional.empty();
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
    List<ClientLocation> locations = List.of();
    var file = ConfigFile.locate(Optional.ofNullable(config), Optional.of(dataDir));
    if (file.isPresent()) {
      locations = ConfigFile.clientLocations(file.get());
    }
    Optional<Place> place = ClientLocator.standard(UserLocationTable.of(locations)).locate(address);
    return place.map(p -> new Located(p.point(), address.getHostAddress() + " in "
        + p.countryCode().orElse("an unnamed country")
        + (p.source() == Place.Source.USER_TABLE ? " (client-location table)" : " (IP database, country reference point)")));
  }

  private void explain(LatencyModel model, GeoPoint a, Located target) {
    GeoPoint b = target.point();
    out.printf(Locale.ROOT, "to   %s (%.2f, %.2f)%n", target.description(), b.latitude(), b.longitude());
    out.printf(Locale.ROOT, "great-circle distance  %,.0f km%n", a.distanceKm(b));
    var route = model.route(a, b);
    out.printf(Locale.ROOT, "fibre route            %s, %,.0f km as fibre time (stretch and link costs included)%n",
        route.via().isEmpty() ? "direct over land" : "via " + String.join(" > ", route.via()), route.effectiveKm());
    out.printf(Locale.ROOT, "fibre speed            %,.0f km/s (c / 1.5)%n", LatencyModel.FIBRE_KM_PER_SECOND);
    for (NetworkPath path : NetworkPath.values()) {
      double pathKm = route.effectiveKm() * path.routeStretch();
      double propagation = 2 * pathKm / LatencyModel.FIBRE_KM_PER_SECOND * 1_000;
      out.printf(Locale.ROOT, "%-22s route %.2f x %,.0f km = %,.0f km; 2 x %,.0f km / fibre = %.1f ms + fixed %.1f ms = %.1f ms RTT%n",
          label(path), path.routeStretch(), route.effectiveKm(), pathKm, pathKm, propagation, path.fixedRoundTripMillis(),
          model.roundTripMillis(a, b, path));
    }
    double internetLoss = PathLoss.of(a, b, NetworkPath.PUBLIC_INTERNET, PathLoss.ACCESS_TYPICAL);
    double internetRtt = model.roundTripMillis(a, b, NetworkPath.PUBLIC_INTERNET);
    out.printf(Locale.ROOT, "%-22s public internet %.2f %% of round trips (typical access), each costing an RTO of %.0f ms;"
        + " AWS backbone %.2f %% (PathLoss, LossRecovery)%n", "packet loss", 100 * internetLoss,
        new LossRecovery.Leg(internetRtt, internetLoss).rtoMillis(), 100 * PathLoss.of(a, b, NetworkPath.AWS_BACKBONE, 0));
    var internetJitter = new LossRecovery.Distribution(Jitter.roundTrip(List.of(NetworkPath.PUBLIC_INTERNET)));
    var backboneJitter = new LossRecovery.Distribution(Jitter.roundTrip(List.of(NetworkPath.AWS_BACKBONE)));
    out.printf(Locale.ROOT, "%-22s per round trip, public internet mean %.1f ms, p99 %.0f ms; AWS backbone mean %.1f ms,"
        + " p99 %.1f ms (Jitter: ITU-T Y.1541 IPDV)%n", "queueing delay", internetJitter.meanMillis(),
        internetJitter.quantile(0.99), backboneJitter.meanMillis(), backboneJitter.quantile(0.99));
    // Global Accelerator, and CloudFront on a miss: the internet to the nearest edge, then the backbone.
    model.nearestEdge(a).ifPresent(edge -> {
      double access = model.roundTripMillis(a, edge.point(), NetworkPath.PUBLIC_INTERNET);
      double total = model.viaEdgeMillis(a, edge.point(), b);
      out.printf(Locale.ROOT, "%-22s %s (%s): public internet %.1f ms + AWS backbone %.1f ms = %.1f ms RTT%n",
          "via nearest edge", edge.edgeCode().orElse("?"), edge.name(), access, total - access, total);
    });
  }

  private void rank(LatencyModel model, GeoTables tables, GeoPoint a) {
    List<RegionLatency> ranked = model.rankRegions(a, tables.regions().stream().map(AwsRegion::code).toList());
    out.printf(Locale.ROOT, "%4s  %-15s %-30s %10s %12s %12s%n", "rank", "region", "name", "km", "internet ms", "backbone ms");
    int i = 1;
    for (RegionLatency r : ranked) {
      out.printf(Locale.ROOT, "%4d  %-15s %-30s %,10.0f %12.1f %12.1f%n", i++, r.region().code(), r.region().name(),
          a.distanceKm(r.region().point()), r.roundTripMillis(),
          model.roundTripMillis(a, r.region().point(), NetworkPath.AWS_BACKBONE));
    }
  }

  private static String label(NetworkPath path) {
    return path == NetworkPath.PUBLIC_INTERNET ? "public internet" : "AWS backbone";
  }
}
