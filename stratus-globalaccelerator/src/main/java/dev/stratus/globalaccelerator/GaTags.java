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

/**
 * Tags on accelerators of both kinds: keys 1–128 characters, values 0–256, at most 50 per
 * resource (API reference).
 */
public final class GaTags {
  static final int MAX_TAGS = 50;

  private final Store store;
  private final Accelerators standard;
  private final Accelerators customRouting;

  GaTags(Store store, Accelerators standard, Accelerators customRouting) {
    this.store = store;
    this.standard = standard;
    this.customRouting = customRouting;
  }

  /** The kind whose table holds {@code arn} (standard when neither does: its not-found error). */
  private Accelerators kindOf(dev.stratus.core.store.ReadView view, RequestContext ctx, String arn) {
    try {
      customRouting.find(view, ctx, arn);
      return customRouting;
    } catch (dev.stratus.core.AwsException e) {
      return standard;
    }
  }

  private Accelerator find(dev.stratus.core.store.ReadView view, RequestContext ctx, String arn) {
    return kindOf(view, ctx, arn).find(view, ctx, arn);
  }

  private dev.stratus.core.store.Table<Accelerator> tableOf(dev.stratus.core.store.ReadView view, RequestContext ctx,
      String arn) {
    return kindOf(view, ctx, arn) == customRouting ? Accelerator.CUSTOM_ROUTING_TABLE : Accelerator.TABLE;
  }

  public TagResourceResponse tagResource(RequestContext ctx, TagResourceRequest req) {
    var added = validated(req.hasTags() ? req.tags() : List.of());
    store.write(tx -> {
      var a = find(tx, ctx, req.resourceArn());
      Map<String, String> tags = new LinkedHashMap<>(a.tags());
      tags.putAll(added);
      if (tags.size() > MAX_TAGS) {
        throw GlobalAcceleratorErrors.invalidArgument("A resource can have at most " + MAX_TAGS + " tags.");
      }
      tx.put(tableOf(tx, ctx, a.arn()), ctx.globalScope(), a.arn(), a.withTags(tags));
      return null;
    });
    return TagResourceResponse.builder().build();
  }

  public UntagResourceResponse untagResource(RequestContext ctx, UntagResourceRequest req) {
    store.write(tx -> {
      var a = find(tx, ctx, req.resourceArn());
      Map<String, String> tags = new LinkedHashMap<>(a.tags());
      if (req.hasTagKeys()) req.tagKeys().forEach(tags::remove);
      tx.put(tableOf(tx, ctx, a.arn()), ctx.globalScope(), a.arn(), a.withTags(tags));
      return null;
    });
    return UntagResourceResponse.builder().build();
  }

  public ListTagsForResourceResponse listTagsForResource(RequestContext ctx, ListTagsForResourceRequest req) {
    var a = find(store, ctx, req.resourceArn());
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
