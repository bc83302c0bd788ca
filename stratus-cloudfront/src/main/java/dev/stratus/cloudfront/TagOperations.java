package dev.stratus.cloudfront;

import dev.stratus.cloudfront.model.Distribution;
import dev.stratus.cloudfront.model.ResourceTags;
import dev.stratus.core.RequestContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudfront.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.cloudfront.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.cloudfront.model.Tag;
import software.amazon.awssdk.services.cloudfront.model.TagResourceRequest;
import software.amazon.awssdk.services.cloudfront.model.TagResourceResponse;
import software.amazon.awssdk.services.cloudfront.model.Tags;
import software.amazon.awssdk.services.cloudfront.model.UntagResourceRequest;
import software.amazon.awssdk.services.cloudfront.model.UntagResourceResponse;

/** Tags of distributions (TagResource, UntagResource, ListTagsForResource). */
public final class TagOperations {
  static final int MAX_TAGS = 50;
  private static final Pattern KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}");
  private static final Pattern VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}");
  private static final Pattern ARN = Pattern.compile("arn:aws(-cn)?:cloudfront::[0-9]+:.*");

  private final CloudFrontResources r;

  TagOperations(CloudFrontResources resources) { this.r = resources; }

  public TagResourceResponse tagResource(RequestContext ctx, TagResourceRequest req) {
    List<Tag> tags = req.tags() == null ? List.of() : req.tags().items();
    validate(tags);
    r.store.write(tx -> {
      String arn = resource(ctx, req.resource());
      var map = new LinkedHashMap<>(current(arn));
      for (Tag t : tags) map.put(t.key(), t.value() == null ? "" : t.value());
      if (map.size() > MAX_TAGS) throw CloudFrontErrors.invalidTagging("Too many tags. The maximum is " + MAX_TAGS + ".");
      tx.put(ResourceTags.TABLE, Distribution.SCOPE, arn, new ResourceTags(arn, map));
      return null;
    });
    return TagResourceResponse.builder().build();
  }

  public UntagResourceResponse untagResource(RequestContext ctx, UntagResourceRequest req) {
    List<String> keys = req.tagKeys() == null ? List.of() : req.tagKeys().items();
    r.store.write(tx -> {
      String arn = resource(ctx, req.resource());
      var map = new LinkedHashMap<>(current(arn));
      keys.forEach(map::remove);
      tx.put(ResourceTags.TABLE, Distribution.SCOPE, arn, new ResourceTags(arn, map));
      return null;
    });
    return UntagResourceResponse.builder().build();
  }

  public ListTagsForResourceResponse listTagsForResource(RequestContext ctx, ListTagsForResourceRequest req) {
    var items = current(resource(ctx, req.resource())).entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
    return ListTagsForResourceResponse.builder().tags(Tags.builder().items(items).build()).build();
  }

  private java.util.Map<String, String> current(String arn) {
    return r.store.get(ResourceTags.TABLE, Distribution.SCOPE, arn).map(ResourceTags::tags).orElse(java.util.Map.of());
  }

  /** The ARN of an existing taggable resource (a distribution or a key value store). */
  private String resource(RequestContext ctx, String arn) {
    if (arn == null || !ARN.matcher(arn).matches()) {
      throw CloudFrontErrors.invalidArgument("The parameter Resource has an invalid ARN: " + arn);
    }
    String prefix = "arn:aws:cloudfront::" + ctx.accountId() + ":";
    if (arn.startsWith(prefix + "distribution/")) {
      return r.distribution(ctx.accountId(), arn.substring((prefix + "distribution/").length()))
          .orElseThrow(CloudFrontErrors::noSuchResource).arn();
    }
    if (arn.startsWith(prefix + "key-value-store/")) {
      return r.store.list(dev.stratus.cloudfront.model.KeyValueStore.TABLE, Distribution.SCOPE).stream()
          .filter(k -> k.arn().equals(arn)).findFirst().orElseThrow(CloudFrontErrors::noSuchResource).arn();
    }
    throw CloudFrontErrors.noSuchResource();
  }

  static void validate(List<Tag> tags) {
    if (tags.size() > MAX_TAGS) throw CloudFrontErrors.invalidTagging("Too many tags. The maximum is " + MAX_TAGS + ".");
    for (Tag t : tags) {
      if (t.key() == null || !KEY.matcher(t.key()).matches()) {
        throw CloudFrontErrors.invalidTagging("The tag key is not valid: " + t.key());
      }
      if (t.value() != null && !VALUE.matcher(t.value()).matches()) {
        throw CloudFrontErrors.invalidTagging("The tag value is not valid: " + t.value());
      }
    }
  }
}
