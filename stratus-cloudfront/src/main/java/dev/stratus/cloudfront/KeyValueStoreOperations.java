package dev.stratus.cloudfront;

import dev.stratus.cloudfront.model.CloudFrontFunction;
import dev.stratus.cloudfront.model.Distribution;
import dev.stratus.cloudfront.model.KeyValueStore;
import dev.stratus.cloudfront.model.KeyValueStoreData;
import dev.stratus.cloudfront.model.KeyValueStoreKey;
import dev.stratus.cloudfront.model.ResourceTags;
import dev.stratus.cloudfront.model.SdkJson;
import dev.stratus.core.AwsException;
import dev.stratus.core.Pagination;
import dev.stratus.core.RequestContext;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudfront.model.*;

/**
 * Key value stores, the control plane: Create, Describe, Update (comment), Delete (refused while a
 * function names it; its keys go with it), List. The keys' own API is {@link KeyValueStoreDataOperations}.
 */
public final class KeyValueStoreOperations {
  static final int MAX_STORES = 50;
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9-_]{1,64}");
  private static final Pattern S3_OBJECT = Pattern.compile("arn:aws:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/.+");

  private final CloudFrontResources r;

  KeyValueStoreOperations(CloudFrontResources resources) { this.r = resources; }

  static AwsException entityNotFound() {
    return new AwsException("EntityNotFound", 404, "The specified key value store does not exist.");
  }

  public CreateKeyValueStoreResponse createKeyValueStore(RequestContext ctx, CreateKeyValueStoreRequest req) {
    if (req.name() == null || !NAME.matcher(req.name()).matches()) {
      throw CloudFrontErrors.invalidArgument("The key value store name is invalid.");
    }
    Optional<String> source = Optional.empty();
    if (req.importSource() != null) {
      if (!"S3".equals(req.importSource().sourceTypeAsString()) || req.importSource().sourceARN() == null
          || !S3_OBJECT.matcher(req.importSource().sourceARN()).matches()) {
        throw CloudFrontErrors.invalidArgument("The import source must be an S3 object ARN (arn:aws:s3:::bucket/key).");
      }
      source = Optional.of(req.importSource().sourceARN());
    }
    Optional<String> importSource = source;
    // read before the transaction: S3 is another service, and a read may block
    KeyValueStoreImport imported = source.map(arn -> KeyValueStoreImport.read(r.extensions, ctx.accountId(), arn))
        .orElse(null);
    KeyValueStore kvs = r.store.write(tx -> {
      if (find(ctx.accountId(), req.name()).isPresent()) {
        throw new AwsException("EntityAlreadyExists", 409,
            "A key value store with the name " + req.name() + " already exists.");
      }
      if (all(ctx.accountId()).size() >= MAX_STORES) {
        throw new AwsException("EntityLimitExceeded", 400,
            "You have reached the maximum number of key value stores for this AWS account.");
      }
      String id = UUID.randomUUID().toString();
      Instant now = r.now();
      var created = new KeyValueStore(req.name(), ctx.accountId(), id,
          "arn:aws:cloudfront::" + ctx.accountId() + ":key-value-store/" + id, req.comment() == null ? "" : req.comment(),
          CloudFrontResources.newEtag(), importSource, now, now.plus(r.settings.invalidationDelay()));
      tx.put(KeyValueStore.TABLE, Distribution.SCOPE, created.key(), created);
      var data = KeyValueStoreData.empty(id, KeyValueStoreDataOperations.newEtag(), now);
      if (imported != null) {
        long size = 0;
        for (KeyValueStoreKey k : imported.keys()) {
          tx.put(KeyValueStoreKey.TABLE, id, k.key(), k);
          size += k.size();
        }
        data = new KeyValueStoreData(id, data.etag(), imported.keys().size(), size, now, now, imported.failureReason());
      }
      tx.put(KeyValueStoreData.TABLE, Distribution.SCOPE, id, data);
      return created;
    });
    return CreateKeyValueStoreResponse.builder().keyValueStore(sdk(kvs)).eTag(kvs.etag())
        .location(DistributionOperations.API + "key-value-store/" + kvs.arn()).build();
  }

  public DescribeKeyValueStoreResponse describeKeyValueStore(RequestContext ctx, DescribeKeyValueStoreRequest req) {
    KeyValueStore kvs = find(ctx.accountId(), req.name()).orElseThrow(KeyValueStoreOperations::entityNotFound);
    return DescribeKeyValueStoreResponse.builder().keyValueStore(sdk(kvs)).eTag(kvs.etag()).build();
  }

  public UpdateKeyValueStoreResponse updateKeyValueStore(RequestContext ctx, UpdateKeyValueStoreRequest req) {
    KeyValueStore kvs = r.store.write(tx -> {
      KeyValueStore old = find(ctx.accountId(), req.name()).orElseThrow(KeyValueStoreOperations::entityNotFound);
      CloudFrontResources.checkIfMatch(req.ifMatch(), old.etag());
      var next = new KeyValueStore(old.name(), old.accountId(), old.id(), old.arn(), req.comment(),
          CloudFrontResources.newEtag(), old.importSourceArn(), r.now(), old.readyAt());
      tx.put(KeyValueStore.TABLE, Distribution.SCOPE, next.key(), next);
      return next;
    });
    return UpdateKeyValueStoreResponse.builder().keyValueStore(sdk(kvs)).eTag(kvs.etag()).build();
  }

  public DeleteKeyValueStoreResponse deleteKeyValueStore(RequestContext ctx, DeleteKeyValueStoreRequest req) {
    r.store.write(tx -> {
      KeyValueStore kvs = find(ctx.accountId(), req.name()).orElseThrow(KeyValueStoreOperations::entityNotFound);
      CloudFrontResources.checkIfMatch(req.ifMatch(), kvs.etag());
      if (usedByAFunction(kvs)) {
        throw new AwsException("CannotDeleteEntityWhileInUse", 409,
            "The key value store cannot be deleted while it is associated with a function.");
      }
      tx.delete(KeyValueStore.TABLE, Distribution.SCOPE, kvs.key());
      // its keys go with it
      for (KeyValueStoreKey k : tx.list(KeyValueStoreKey.TABLE, kvs.id())) tx.delete(KeyValueStoreKey.TABLE, kvs.id(), k.key());
      tx.delete(KeyValueStoreData.TABLE, Distribution.SCOPE, kvs.id());
      tx.delete(ResourceTags.TABLE, Distribution.SCOPE, kvs.arn());
      return null;
    });
    return DeleteKeyValueStoreResponse.builder().build();
  }

  public ListKeyValueStoresResponse listKeyValueStores(RequestContext ctx, ListKeyValueStoresRequest req) {
    int max = DistributionOperations.maxItems(req.maxItems());
    Instant now = r.now();
    var stores = all(ctx.accountId()).stream().filter(k -> req.status() == null || status(k, now).equals(req.status()))
        .sorted(Comparator.comparing(KeyValueStore::name)).toList();
    var page = Pagination.page(stores, KeyValueStore::name, req.marker(), max,
        m -> CloudFrontErrors.invalidArgument("Invalid marker " + m));
    var list = KeyValueStoreList.builder().maxItems(max).quantity(page.items().size())
        .nextMarker(page.nextMarker().orElse(null));
    if (!page.items().isEmpty()) list.items(page.items().stream().map(this::sdk).toList());
    return ListKeyValueStoresResponse.builder().keyValueStoreList(list.build()).build();
  }

  Optional<KeyValueStore> find(String accountId, String name) {
    if (name == null) return Optional.empty();
    return r.store.get(KeyValueStore.TABLE, Distribution.SCOPE, KeyValueStore.key(accountId, name));
  }

  private List<KeyValueStore> all(String accountId) {
    return r.store.list(KeyValueStore.TABLE, Distribution.SCOPE).stream().filter(k -> k.accountId().equals(accountId))
        .toList();
  }

  private boolean usedByAFunction(KeyValueStore kvs) {
    for (CloudFrontFunction f : r.store.list(CloudFrontFunction.TABLE, Distribution.SCOPE)) {
      if (!f.accountId().equals(kvs.accountId())) continue;
      var stages = new java.util.ArrayList<CloudFrontFunction.Stage>();
      stages.add(f.development());
      f.live().ifPresent(stages::add);
      for (var s : stages) {
        var config = SdkJson.read(s.config(), FunctionConfig.class);
        if (config.keyValueStoreAssociations() != null && config.keyValueStoreAssociations().items().stream()
            .anyMatch(a -> kvs.arn().equals(a.keyValueStoreARN()))) {
          return true;
        }
      }
    }
    return false;
  }

  private software.amazon.awssdk.services.cloudfront.model.KeyValueStore sdk(KeyValueStore k) {
    return software.amazon.awssdk.services.cloudfront.model.KeyValueStore.builder().name(k.name()).id(k.id())
        .comment(k.comment()).arn(k.arn()).status(status(k, r.now())).lastModifiedTime(k.lastModifiedTime()).build();
  }

  /** PROVISIONING → READY on the clock, or PROVISIONING_FAILED when its import failed. */
  private String status(KeyValueStore k, Instant now) {
    return KeyValueStoreDataOperations.data(r.store::get, k).failureReason().isPresent() ? "PROVISIONING_FAILED"
        : k.status(now);
  }
}
