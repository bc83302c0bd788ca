package dev.stratus.globalaccelerator;

import dev.stratus.core.RequestContext;
import dev.stratus.core.store.Store;
import dev.stratus.globalaccelerator.model.Accelerator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.globalaccelerator.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.globalaccelerator.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.globalaccelerator.model.Tag;
import software.amazon.awssdk.services.globalaccelerator.model.TagResourceRequest;
import software.amazon.awssdk.services.globalaccelerator.model.TagResourceResponse;
import software.amazon.awssdk.services.globalaccelerator.model.UntagResourceRequest;
import software.amazon.awssdk.services.globalaccelerator.model.UntagResourceResponse;

/** Tags on accelerators: keys 1–128 characters, values 0–256, at most 50 per resource (API reference). */
public final class GaTags {
  static final int MAX_TAGS = 50;

  private final Store store;

  public GaTags(Store store) { this.store = store; }

  public TagResourceResponse tagResource(RequestContext ctx, TagResourceRequest req) {
    var added = validated(req.hasTags() ? req.tags() : List.of());
    store.write(tx -> {
      var a = AcceleratorOperations.find(tx, ctx, req.resourceArn());
      Map<String, String> tags = new LinkedHashMap<>(a.tags());
      tags.putAll(added);
      if (tags.size() > MAX_TAGS) {
        throw GlobalAcceleratorErrors.invalidArgument("A resource can have at most " + MAX_TAGS + " tags.");
      }
      tx.put(Accelerator.TABLE, ctx.globalScope(), a.arn(), a.withTags(tags));
      return null;
    });
    return TagResourceResponse.builder().build();
  }

  public UntagResourceResponse untagResource(RequestContext ctx, UntagResourceRequest req) {
    store.write(tx -> {
      var a = AcceleratorOperations.find(tx, ctx, req.resourceArn());
      Map<String, String> tags = new LinkedHashMap<>(a.tags());
      if (req.hasTagKeys()) req.tagKeys().forEach(tags::remove);
      tx.put(Accelerator.TABLE, ctx.globalScope(), a.arn(), a.withTags(tags));
      return null;
    });
    return UntagResourceResponse.builder().build();
  }

  public ListTagsForResourceResponse listTagsForResource(RequestContext ctx, ListTagsForResourceRequest req) {
    var a = AcceleratorOperations.find(store, ctx, req.resourceArn());
    return ListTagsForResourceResponse.builder().tags(GaShapes.tags(a.tags())).build();
  }

  /** The tags as a map, or InvalidArgumentException for a key or value out of AWS's bounds. */
  static Map<String, String> validated(List<Tag> tags) {
    if (tags.size() > MAX_TAGS) throw GlobalAcceleratorErrors.invalidArgument("A resource can have at most " + MAX_TAGS + " tags.");
    Map<String, String> out = new LinkedHashMap<>();
    for (Tag t : tags) {
      if (t.key() == null || t.key().isEmpty() || t.key().length() > 128) {
        throw GlobalAcceleratorErrors.invalidArgument("Tag keys must be between 1 and 128 characters.");
      }
      String value = t.value() == null ? "" : t.value();
      if (value.length() > 256) throw GlobalAcceleratorErrors.invalidArgument("Tag values must be 256 characters or fewer.");
      out.put(t.key(), value);
    }
    return out;
  }
}
