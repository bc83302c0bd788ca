package dev.stratus.route53;

import dev.stratus.core.RequestContext;
import dev.stratus.core.store.ReadView;
import dev.stratus.route53.model.CidrBlock;
import dev.stratus.route53.model.CidrCollection;
import dev.stratus.route53.model.Route53Tables;
import dev.stratus.route53.model.RoutingPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import software.amazon.awssdk.services.route53.model.ChangeCidrCollectionRequest;
import software.amazon.awssdk.services.route53.model.ChangeCidrCollectionResponse;
import software.amazon.awssdk.services.route53.model.CidrBlockSummary;
import software.amazon.awssdk.services.route53.model.CidrCollectionChange;
import software.amazon.awssdk.services.route53.model.CollectionSummary;
import software.amazon.awssdk.services.route53.model.CreateCidrCollectionRequest;
import software.amazon.awssdk.services.route53.model.CreateCidrCollectionResponse;
import software.amazon.awssdk.services.route53.model.DeleteCidrCollectionRequest;
import software.amazon.awssdk.services.route53.model.DeleteCidrCollectionResponse;
import software.amazon.awssdk.services.route53.model.ListCidrBlocksRequest;
import software.amazon.awssdk.services.route53.model.ListCidrBlocksResponse;
import software.amazon.awssdk.services.route53.model.ListCidrCollectionsRequest;
import software.amazon.awssdk.services.route53.model.ListCidrCollectionsResponse;
import software.amazon.awssdk.services.route53.model.ListCidrLocationsRequest;
import software.amazon.awssdk.services.route53.model.ListCidrLocationsResponse;
import software.amazon.awssdk.services.route53.model.LocationSummary;

/** CIDR collections for IP-based routing (route53.md §14): create, change, list, delete. */
public final class CidrCollectionOperations {
  /** Most CIDR collections per account (route53.md §14, §42). */
  public static final int MAX_PER_ACCOUNT = 5;
  /** Largest page of the CIDR listings. */
  public static final int MAX_PAGE = 1000;

  private final Route53State state;

  CidrCollectionOperations(Route53State state) { this.state = state; }

  /** Idempotent on (name, CallerReference); the same name with another reference is refused. */
  public CreateCidrCollectionResponse createCidrCollection(RequestContext ctx, CreateCidrCollectionRequest req) {
    String account = ctx.globalScope();
    if (req.name() == null || !req.name().matches("[0-9A-Za-z_\\-]{1,64}")) {
      throw Route53Errors.constraint(req.name(), "name", "Member must satisfy regular expression pattern: [0-9A-Za-z_\\-]+");
    }
    if (req.callerReference() == null || req.callerReference().isEmpty()) throw Route53Errors.missing("callerReference");
    return state.store.write(tx -> {
      var all = tx.list(Route53Tables.CIDR_COLLECTIONS, account);
      var same = all.stream().filter(c -> c.name().equals(req.name())).findFirst();
      if (same.isPresent() && !same.get().callerReference().equals(req.callerReference())) {
        throw Route53Errors.cidrCollectionAlreadyExists(req.name());
      }
      if (same.isEmpty() && all.size() >= MAX_PER_ACCOUNT) throw Route53Errors.limitsExceeded();
      var collection = same.orElseGet(() -> new CidrCollection(UUID.randomUUID().toString(), account, req.name(),
          req.callerReference(), 1, Map.of()));
      tx.put(Route53Tables.CIDR_COLLECTIONS, account, collection.id(), collection);
      return CreateCidrCollectionResponse.builder()
          .collection(software.amazon.awssdk.services.route53.model.CidrCollection.builder().arn(collection.arn())
              .id(collection.id()).name(collection.name()).version(collection.version()).build())
          .location("https://route53.amazonaws.com/2013-04-01/cidrcollection/" + collection.id()).build();
    });
  }

  /** Applies PUT / DELETE_IF_EXISTS changes atomically, checking CollectionVersion when given. */
  public ChangeCidrCollectionResponse changeCidrCollection(RequestContext ctx, ChangeCidrCollectionRequest req) {
    String account = ctx.globalScope();
    if (!req.hasChanges() || req.changes().isEmpty()) {
      throw Route53Errors.constraint("[]", "changes", "Member must have length greater than or equal to 1");
    }
    return state.store.write(tx -> {
      var collection = collection(tx, account, req.id());
      if (req.collectionVersion() != null && req.collectionVersion() != collection.version()) {
        throw Route53Errors.cidrCollectionVersionMismatch();
      }
      var locations = new TreeMap<String, LinkedHashSet<String>>();
      collection.locations().forEach((k, v) -> locations.put(k, new LinkedHashSet<>(v)));
      for (var change : req.changes()) apply(locations, change);
      for (var location : collection.locations().keySet()) {
        if (!locations.containsKey(location) && referenced(tx, account, collection.id(), location)) {
          throw Route53Errors.cidrBlockInUse(String.join(",", collection.locations().get(location)), location);
        }
      }
      var next = new TreeMap<String, List<String>>();
      locations.forEach((k, v) -> next.put(k, List.copyOf(v)));
      var updated = collection.withLocations(next);
      if (updated.blockCount() > CidrCollection.MAX_BLOCKS) throw Route53Errors.limitsExceeded();
      tx.put(Route53Tables.CIDR_COLLECTIONS, account, updated.id(), updated);
      return ChangeCidrCollectionResponse.builder().id(updated.id()).build();
    });
  }

  private static void apply(Map<String, LinkedHashSet<String>> locations, CidrCollectionChange change) {
    String location = change.locationName();
    if (location == null || !location.matches("[0-9A-Za-z_\\-]{1,16}")) {
      throw Route53Errors.constraint(location, "changes.member.locationName",
          "Member must satisfy regular expression pattern: [0-9A-Za-z_\\-]+");
    }
    var blocks = new ArrayList<String>();
    for (String text : change.hasCidrList() ? change.cidrList() : List.<String>of()) {
      blocks.add(CidrBlock.parse(text).orElseThrow(() -> Route53Errors.invalidInput("Invalid CIDR block: " + text
          + " (IPv4 prefixes /1 to /24, IPv6 prefixes /1 to /48)")).text());
    }
    switch (String.valueOf(change.actionAsString())) {
      case "PUT" -> {
        for (String block : blocks) {
          locations.forEach((other, set) -> {
            if (!other.equals(location) && set.contains(block)) throw Route53Errors.cidrBlockInUse(block, other);
          });
        }
        locations.computeIfAbsent(location, k -> new LinkedHashSet<>()).addAll(blocks);
      }
      case "DELETE_IF_EXISTS" -> {
        var set = locations.get(location);
        if (set != null) {
          blocks.forEach(set::remove);
          if (set.isEmpty()) locations.remove(location);
        }
      }
      default -> throw Route53Errors.constraint(change.actionAsString(), "changes.member.action",
          "Member must satisfy enum value set: [PUT, DELETE_IF_EXISTS]");
    }
  }

  /** Whether any record set of the account routes to {@code location} of the collection. */
  private static boolean referenced(ReadView view, String account, String collectionId, String location) {
    return view.list(Route53Tables.HOSTED_ZONES, account).stream()
        .flatMap(z -> view.list(Route53Tables.RECORD_SETS, z.id()).stream())
        .anyMatch(r -> r.routing() instanceof RoutingPolicy.CidrRouting c && c.collectionId().equals(collectionId)
            && (location == null || c.locationName().equals(location)));
  }

  private static CidrCollection collection(ReadView view, String account, String id) {
    if (id == null) throw Route53Errors.missing("id");
    return view.get(Route53Tables.CIDR_COLLECTIONS, account, id).orElseThrow(Route53Errors::noSuchCidrCollection);
  }

  public ListCidrCollectionsResponse listCidrCollections(RequestContext ctx, ListCidrCollectionsRequest req) {
    var all = state.store.list(Route53Tables.CIDR_COLLECTIONS, ctx.globalScope()).stream()
        .sorted(Comparator.comparing(CidrCollection::name)).toList();
    int start = ZoneListingOperations.token(req.nextToken(), all.size());
    int max = Route53Shapes.maxItems(req.maxResults(), MAX_PAGE, MAX_PAGE);
    return ListCidrCollectionsResponse.builder()
        .cidrCollections(all.subList(start, Math.min(all.size(), start + max)).stream().map(c -> CollectionSummary.builder()
            .arn(c.arn()).id(c.id()).name(c.name()).version(c.version()).build()).toList())
        .nextToken(start + max < all.size() ? String.valueOf(start + max) : null).build();
  }

  public ListCidrBlocksResponse listCidrBlocks(RequestContext ctx, ListCidrBlocksRequest req) {
    var collection = collection(state.store, ctx.globalScope(), req.collectionId());
    if (req.locationName() != null && !collection.locations().containsKey(req.locationName())) {
      throw Route53Errors.noSuchCidrLocation(req.locationName());
    }
    var blocks = collection.locations().entrySet().stream()
        .filter(e -> req.locationName() == null || e.getKey().equals(req.locationName()))
        .flatMap(e -> e.getValue().stream().map(b -> CidrBlockSummary.builder().cidrBlock(b).locationName(e.getKey()).build()))
        .toList();
    int start = ZoneListingOperations.token(req.nextToken(), blocks.size());
    int max = Route53Shapes.maxItems(req.maxResults(), MAX_PAGE, MAX_PAGE);
    return ListCidrBlocksResponse.builder().cidrBlocks(blocks.subList(start, Math.min(blocks.size(), start + max)))
        .nextToken(start + max < blocks.size() ? String.valueOf(start + max) : null).build();
  }

  public ListCidrLocationsResponse listCidrLocations(RequestContext ctx, ListCidrLocationsRequest req) {
    var names = List.copyOf(collection(state.store, ctx.globalScope(), req.collectionId()).locations().keySet());
    int start = ZoneListingOperations.token(req.nextToken(), names.size());
    int max = Route53Shapes.maxItems(req.maxResults(), MAX_PAGE, MAX_PAGE);
    return ListCidrLocationsResponse.builder()
        .cidrLocations(names.subList(start, Math.min(names.size(), start + max)).stream()
            .map(n -> LocationSummary.builder().locationName(n).build()).toList())
        .nextToken(start + max < names.size() ? String.valueOf(start + max) : null).build();
  }

  /** Only an empty collection that no record uses can be deleted. */
  public DeleteCidrCollectionResponse deleteCidrCollection(RequestContext ctx, DeleteCidrCollectionRequest req) {
    String account = ctx.globalScope();
    return state.store.write(tx -> {
      var collection = collection(tx, account, req.id());
      if (!collection.locations().isEmpty() || referenced(tx, account, collection.id(), null)) {
        throw Route53Errors.cidrCollectionInUse();
      }
      tx.delete(Route53Tables.CIDR_COLLECTIONS, account, collection.id());
      return DeleteCidrCollectionResponse.builder().build();
    });
  }
}
