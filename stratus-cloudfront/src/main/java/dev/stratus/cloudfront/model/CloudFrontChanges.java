package dev.stratus.cloudfront.model;

import dev.stratus.core.store.ChangeEvent;
import dev.stratus.core.store.Store;
import java.util.List;

/**
 * What the edge must follow of the control plane, from the store's committed changes: a
 * distribution to (re)deploy or remove, an invalidation to apply at once to every tier, a custom
 * policy or function that changed (redeploy the distributions that use it). Called on the
 * writer's thread after commit: hand heavy work to another thread.
 */
public interface CloudFrontChanges {

  /** Distribution {@code id} was created or updated: read it again from {@link CloudFrontView}. */
  void distributionChanged(String id);

  void distributionDeleted(String id);

  /** An invalidation was created for {@code distributionId}. */
  void invalidated(String distributionId, List<String> paths);

  /** A custom cache/origin request/response headers policy or a function changed. */
  void dependencyChanged();

  /** Subscribes {@code listener} to {@code store}'s CloudFront changes. */
  static void follow(Store store, CloudFrontChanges listener) {
    store.subscribe(events -> {
      for (ChangeEvent e : events) {
        if (e.table().equals(Distribution.TABLE)) {
          if (e.isDelete()) listener.distributionDeleted(e.id());
          else listener.distributionChanged(e.id());
        } else if (e.table().equals(Invalidation.TABLE)) {
          if (e.before().isEmpty() && e.after().orElse(null) instanceof Invalidation i) {
            listener.invalidated(i.distributionId(), i.paths());
          }
        } else if (e.table().equals(StoredPolicy.CACHE) || e.table().equals(StoredPolicy.ORIGIN_REQUEST)
            || e.table().equals(StoredPolicy.RESPONSE_HEADERS) || e.table().equals(CloudFrontFunction.TABLE)) {
          listener.dependencyChanged();
        }
      }
    });
  }
}
