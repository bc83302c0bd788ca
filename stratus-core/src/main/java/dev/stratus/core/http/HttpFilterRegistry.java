package dev.stratus.core.http;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which filter runs in which slot for which resource (by ARN): WAF registers a web ACL's filter
 * for an ALB or a CloudFront distribution, and the data plane of that resource asks here for
 * every request. One filter per (ARN, slot); registering again replaces the previous one, as
 * AssociateWebACL replaces an association.
 */
public final class HttpFilterRegistry {
  private record Key(String resourceArn, FilterSlot slot) {}

  private final Map<Key, HttpFilter> filters = new ConcurrentHashMap<>();

  /** Installs {@code filter} for {@code resourceArn} in {@code slot}, replacing any previous one. */
  public void register(String resourceArn, FilterSlot slot, HttpFilter filter) {
    filters.put(new Key(Objects.requireNonNull(resourceArn, "resourceArn"), Objects.requireNonNull(slot, "slot")),
        Objects.requireNonNull(filter, "filter"));
  }

  /** Removes the filter of {@code resourceArn} in {@code slot}; true if there was one. */
  public boolean remove(String resourceArn, FilterSlot slot) {
    return filters.remove(new Key(resourceArn, slot)) != null;
  }

  /** The filter of {@code resourceArn} in {@code slot}, if any; cheap enough to ask per request. */
  public Optional<HttpFilter> find(String resourceArn, FilterSlot slot) {
    return Optional.ofNullable(filters.get(new Key(resourceArn, slot)));
  }
}
