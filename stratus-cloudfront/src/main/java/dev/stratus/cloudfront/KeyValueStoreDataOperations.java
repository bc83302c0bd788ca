package dev.stratus.cloudfront;

import dev.stratus.cloudfront.model.Distribution;
import dev.stratus.cloudfront.model.KeyValueStore;
import dev.stratus.cloudfront.model.KeyValueStoreData;
import dev.stratus.cloudfront.model.KeyValueStoreKey;
import dev.stratus.core.AwsException;
import dev.stratus.core.RequestContext;
import dev.stratus.core.ResourceIds;
import dev.stratus.core.store.Transaction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.cloudfrontkeyvaluestore.model.*;

/**
 * The key value stores' data API (the cloudfront-keyvaluestore service): keys read and written
 * by the store's ARN, every write naming the store's current ETag (If-Match) and answering the
 * next one with the key count and total size. AWS's limits: a key ≤ 512 bytes, a value ≤ 1 KB,
 * a store ≤ 5 MB of keys and values, UpdateKeys ≤ 50 keys. Keys are rows of the store, so they
 * survive a restart and functions read them as they are written.
 */
public final class KeyValueStoreDataOperations {
  static final int MAX_KEY_BYTES = 512;
  static final int MAX_VALUE_BYTES = 1024;
  static final long MAX_STORE_BYTES = 5L * 1024 * 1024;
  static final int MAX_KEYS_PER_UPDATE = 50;
  static final int DEFAULT_PAGE = 10;
  static final int MAX_PAGE = 50;

  private final CloudFrontResources r;

  KeyValueStoreDataOperations(CloudFrontResources resources) { this.r = resources; }

  static String newEtag() { return ResourceIds.upperAlnum("KV", 13); }

  static AwsException storeNotFound() {
    return new AwsException("ResourceNotFoundException", 404, "Resource not found.");
  }

  static AwsException keyNotFound() {
    return new AwsException("ResourceNotFoundException", 404, "Key not found.");
  }

  static AwsException preconditionFailed() {
    return new AwsException("ConflictException", 409, "Pre-Condition failed.");
  }

  static AwsException validation(String message) {
    return new AwsException("ValidationException", 400, message);
  }

  public DescribeKeyValueStoreResponse describeKeyValueStore(RequestContext ctx, DescribeKeyValueStoreRequest req) {
    KeyValueStore kvs = store(ctx, req.kvsARN());
    KeyValueStoreData data = data(r.store::get, kvs);
    var b = DescribeKeyValueStoreResponse.builder().kvsARN(kvs.arn()).eTag(data.etag()).itemCount(data.itemCount())
        .totalSizeInBytes(data.totalSizeInBytes()).created(data.created()).lastModified(data.lastModified())
        .status(data.failureReason().isPresent() ? "PROVISIONING_FAILED" : kvs.status(r.now()));
    data.failureReason().ifPresent(b::failureReason);
    return b.build();
  }

  public GetKeyResponse getKey(RequestContext ctx, GetKeyRequest req) {
    KeyValueStore kvs = store(ctx, req.kvsARN());
    KeyValueStoreData data = data(r.store::get, kvs);
    KeyValueStoreKey k = r.store.get(KeyValueStoreKey.TABLE, kvs.id(), req.key())
        .orElseThrow(KeyValueStoreDataOperations::keyNotFound);
    return GetKeyResponse.builder().key(k.key()).value(k.value()).itemCount(data.itemCount())
        .totalSizeInBytes(data.totalSizeInBytes()).build();
  }

  /** Keys in key order, {@code MaxResults} (default 10, at most 50) a page; NextToken is the last key given. */
  public ListKeysResponse listKeys(RequestContext ctx, ListKeysRequest req) {
    KeyValueStore kvs = store(ctx, req.kvsARN());
    int max = req.maxResults() == null ? DEFAULT_PAGE : req.maxResults();
    if (max < 1 || max > MAX_PAGE) {
      throw validation("1 validation error detected: Value '" + max
          + "' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50");
    }
    String after = null;
    if (req.nextToken() != null) {
      try {
        after = new String(Base64.getUrlDecoder().decode(req.nextToken()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw validation("Invalid NextToken.");
      }
    }
    List<ListKeysResponseListItem> items = new ArrayList<>();
    String next = null;
    for (KeyValueStoreKey k : r.store.list(KeyValueStoreKey.TABLE, kvs.id())) {
      if (after != null && k.key().compareTo(after) <= 0) continue;
      if (items.size() == max) {
        next = Base64.getUrlEncoder().withoutPadding().encodeToString(
            items.getLast().key().getBytes(StandardCharsets.UTF_8));
        break;
      }
      items.add(ListKeysResponseListItem.builder().key(k.key()).value(k.value()).build());
    }
    return ListKeysResponse.builder().items(items).nextToken(next).build();
  }

  public PutKeyResponse putKey(RequestContext ctx, PutKeyRequest req) {
    KeyValueStoreData d = update(ctx, req.kvsARN(), req.ifMatch(),
        List.of(PutKeyRequestListItem.builder().key(req.key()).value(req.value()).build()), List.of());
    return PutKeyResponse.builder().eTag(d.etag()).itemCount(d.itemCount()).totalSizeInBytes(d.totalSizeInBytes()).build();
  }

  public DeleteKeyResponse deleteKey(RequestContext ctx, DeleteKeyRequest req) {
    KeyValueStoreData d = update(ctx, req.kvsARN(), req.ifMatch(), List.of(),
        List.of(DeleteKeyRequestListItem.builder().key(req.key()).build()));
    return DeleteKeyResponse.builder().eTag(d.etag()).itemCount(d.itemCount()).totalSizeInBytes(d.totalSizeInBytes())
        .build();
  }

  /** Puts and deletes as one change: all of them or none. */
  public UpdateKeysResponse updateKeys(RequestContext ctx, UpdateKeysRequest req) {
    KeyValueStoreData d = update(ctx, req.kvsARN(), req.ifMatch(), req.puts(), req.deletes());
    return UpdateKeysResponse.builder().eTag(d.etag()).itemCount(d.itemCount()).totalSizeInBytes(d.totalSizeInBytes())
        .build();
  }

  private KeyValueStoreData update(RequestContext ctx, String arn, String ifMatch, List<PutKeyRequestListItem> puts,
      List<DeleteKeyRequestListItem> deletes) {
    if (puts.size() + deletes.size() > MAX_KEYS_PER_UPDATE) {
      throw validation("The request can put or delete at most " + MAX_KEYS_PER_UPDATE + " keys.");
    }
    Set<String> named = new HashSet<>();
    for (PutKeyRequestListItem p : puts) {
      checkKey(p.key());
      if (p.value() == null) throw validation("The value of key " + p.key() + " is missing.");
      if (p.value().getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
        throw validation("The value of key " + p.key() + " is larger than " + MAX_VALUE_BYTES + " bytes.");
      }
      if (!named.add(p.key())) throw validation("The key " + p.key() + " is named more than once.");
    }
    for (DeleteKeyRequestListItem del : deletes) {
      checkKey(del.key());
      if (!named.add(del.key())) throw validation("The key " + del.key() + " is named more than once.");
    }
    return r.store.write(tx -> {
      KeyValueStore kvs = store(tx, ctx, arn);
      KeyValueStoreData data = data(tx::get, kvs);
      if (ifMatch == null || !ifMatch.equals(data.etag())) throw preconditionFailed();
      int count = data.itemCount();
      long size = data.totalSizeInBytes();
      for (DeleteKeyRequestListItem del : deletes) {
        Optional<KeyValueStoreKey> old = tx.get(KeyValueStoreKey.TABLE, kvs.id(), del.key());
        // AWS answers a delete of a key that is not there as a success
        if (old.isEmpty()) continue;
        tx.delete(KeyValueStoreKey.TABLE, kvs.id(), del.key());
        count--;
        size -= old.get().size();
      }
      for (PutKeyRequestListItem p : puts) {
        Optional<KeyValueStoreKey> old = tx.get(KeyValueStoreKey.TABLE, kvs.id(), p.key());
        var next = new KeyValueStoreKey(p.key(), p.value());
        if (old.isPresent()) size -= old.get().size();
        else count++;
        size += next.size();
        tx.put(KeyValueStoreKey.TABLE, kvs.id(), p.key(), next);
      }
      if (size > MAX_STORE_BYTES) {
        throw new AwsException("ServiceQuotaExceededException", 402,
            "The key value store would be larger than its maximum size of 5 MB.");
      }
      var next = new KeyValueStoreData(kvs.id(), newEtag(), count, size, data.created(), r.now(), data.failureReason());
      tx.put(KeyValueStoreData.TABLE, Distribution.SCOPE, kvs.id(), next);
      return next;
    });
  }

  private static void checkKey(String key) {
    if (key == null || key.isEmpty()) throw validation("The key must not be empty.");
    if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      throw validation("The key is larger than " + MAX_KEY_BYTES + " bytes.");
    }
  }

  /** A reader of rows: committed state, or a transaction. */
  interface Rows {
    <T> Optional<T> get(dev.stratus.core.store.Table<T> table, String scope, String id);
  }

  /** The store's data version; a store made before keys were served has an empty one. */
  static KeyValueStoreData data(Rows rows, KeyValueStore kvs) {
    return rows.get(KeyValueStoreData.TABLE, Distribution.SCOPE, kvs.id())
        .orElseGet(() -> KeyValueStoreData.empty(kvs.id(), "KV" + kvs.etag().substring(1), kvs.lastModifiedTime()));
  }

  private KeyValueStore store(RequestContext ctx, String arn) {
    return find(r.store.list(KeyValueStore.TABLE, Distribution.SCOPE), ctx, arn);
  }

  private static KeyValueStore store(Transaction tx, RequestContext ctx, String arn) {
    return find(tx.list(KeyValueStore.TABLE, Distribution.SCOPE), ctx, arn);
  }

  /** The caller's store named by {@code arn}; another account's store is not found, as AWS answers. */
  private static KeyValueStore find(List<KeyValueStore> all, RequestContext ctx, String arn) {
    if (arn == null) throw storeNotFound();
    return all.stream().filter(k -> k.arn().equals(arn) && k.accountId().equals(ctx.accountId())).findFirst()
        .orElseThrow(KeyValueStoreDataOperations::storeNotFound);
  }
}
