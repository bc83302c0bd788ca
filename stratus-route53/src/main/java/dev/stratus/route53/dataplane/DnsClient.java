package dev.stratus.route53.dataplane;

import dev.stratus.core.dns.DnsQueryClient;
import dev.stratus.net.geo.ClientLocator;
import dev.stratus.net.geo.Place;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who is asking, as Route 53's routing decisions see it (route53.md §12): the EDNS client subnet
 * when the resolver sent one, else the resolver's own address, and where that address is.
 * The place is looked up only when a routing policy asks for it (simple records never do), and
 * at most once per query.
 */
public final class DnsClient {

  private final InetAddress address;
  private final int prefixLength;
  private final ClientLocator.DefaultLocation unplaced;
  private Supplier<Optional<Place>> locate;
  private Optional<Place> place;

  /**
   * @param address the client subnet's address, or the resolver's address
   * @param prefixLength the client subnet's source prefix, or the full address length (32/128)
   * @param locate finds the address's place; called at most once
   * @param unplaced where latency routing ranks from when {@code locate} finds nothing
   */
  public DnsClient(InetAddress address, int prefixLength, Supplier<Optional<Place>> locate,
      ClientLocator.DefaultLocation unplaced) {
    this.address = Objects.requireNonNull(address, "address");
    this.prefixLength = prefixLength;
    this.locate = Objects.requireNonNull(locate, "locate");
    this.unplaced = Objects.requireNonNull(unplaced, "unplaced");
  }

  /** A client whose unplaced default is the standard one (us-east-1). */
  public DnsClient(InetAddress address, int prefixLength, Supplier<Optional<Place>> locate) {
    this(address, prefixLength, locate, ClientLocator.DefaultLocation.STANDARD);
  }

  /** A client at a known (or known to be unknown) place. */
  public DnsClient(InetAddress address, int prefixLength, Optional<Place> place) {
    this(address, prefixLength, () -> place);
  }

  /** A resolver without client subnet, at a known or unknown place. */
  public static DnsClient of(InetAddress address, Optional<Place> place) {
    return new DnsClient(address, address.getAddress().length * 8, place);
  }

  public InetAddress address() { return address; }

  public int prefixLength() { return prefixLength; }

  /** Where latency routing ranks from when the client is not placed (the configured default location). */
  public ClientLocator.DefaultLocation unplaced() { return unplaced; }

  /** Where the client is; empty when unknown. */
  public Optional<Place> place() {
    if (place == null) {
      place = Objects.requireNonNull(locate.get(), "place");
      locate = null;
    }
    return place;
  }

  /**
   * The client as a name whose addresses depend on it sees it (DnsTargetRegistry): where it is,
   * else at the configured default location, as {@code ClientLocator.place} places it.
   */
  public DnsQueryClient asQueryClient() {
    Optional<Place> found = place();
    Place at = found.orElse(unplaced.place());
    return new DnsQueryClient(address, prefixLength, at.latitude(), at.longitude(), found.isPresent());
  }
}
