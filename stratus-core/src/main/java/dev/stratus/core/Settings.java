package dev.stratus.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How this Stratus process was started.
 *
 * @param apiPort the port of the AWS API (default 4566)
 * @param dnsPort the port of the DNS server, UDP and TCP (default 5353)
 * @param dataDir where the store lives; empty with {@code --ephemeral}
 * @param bindAddress the address listeners bind to (loopback by default)
 * @param clientLocations the configuration's CIDR → place table for DNS clients (empty by default)
 * @param emulateNetwork whether data planes hold traffic for the modelled distance of each path
 *     ({@code --emulate-network}; off by default: nothing is delayed)
 * @param defaultClientLocation where a client that clientLocations and the IP database do not
 *     place stands for every data plane (a Region code, an edge code, a city or LAT,LONG;
 *     {@code --default-client-location}); empty: us-east-1
 */
public record Settings(int apiPort, int dnsPort, Optional<Path> dataDir, String bindAddress,
    List<ClientLocation> clientLocations, boolean emulateNetwork, Optional<String> defaultClientLocation) {

  public static final int DEFAULT_API_PORT = 4566;
  public static final int DEFAULT_DNS_PORT = 5353;

  public Settings {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(bindAddress, "bindAddress");
    clientLocations = List.copyOf(clientLocations);
    Objects.requireNonNull(defaultClientLocation, "defaultClientLocation");
  }

  /** Settings with unplaced clients at the standard default location. */
  public Settings(int apiPort, int dnsPort, Optional<Path> dataDir, String bindAddress,
      List<ClientLocation> clientLocations, boolean emulateNetwork) {
    this(apiPort, dnsPort, dataDir, bindAddress, clientLocations, emulateNetwork, Optional.empty());
  }

  /** Settings with a client location table, without emulated distance. */
  public Settings(int apiPort, int dnsPort, Optional<Path> dataDir, String bindAddress,
      List<ClientLocation> clientLocations) {
    this(apiPort, dnsPort, dataDir, bindAddress, clientLocations, false);
  }

  /** Settings without a configuration file. */
  public Settings(int apiPort, int dnsPort, Optional<Path> dataDir, String bindAddress) {
    this(apiPort, dnsPort, dataDir, bindAddress, List.of());
  }

  /** These settings with {@code locations} as the client location table. */
  public Settings withClientLocations(List<ClientLocation> locations) {
    return new Settings(apiPort, dnsPort, dataDir, bindAddress, locations, emulateNetwork, defaultClientLocation);
  }

  /** These settings with emulated distance on or off. */
  public Settings withEmulateNetwork(boolean on) {
    return new Settings(apiPort, dnsPort, dataDir, bindAddress, clientLocations, on, defaultClientLocation);
  }

  /** These settings with unplaced clients at {@code place} (checked by the data planes' locator). */
  public Settings withDefaultClientLocation(String place) {
    return new Settings(apiPort, dnsPort, dataDir, bindAddress, clientLocations, emulateNetwork,
        Optional.of(Objects.requireNonNull(place, "place")));
  }

  /** In-memory state on the given ports; what tests use (port 0 = any free port). */
  public static Settings ephemeral(int apiPort, int dnsPort) {
    return new Settings(apiPort, dnsPort, Optional.empty(), "127.0.0.1");
  }

  public boolean ephemeral() { return dataDir.isEmpty(); }
}
