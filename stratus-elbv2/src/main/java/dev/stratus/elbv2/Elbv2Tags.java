package dev.stratus.elbv2;

import dev.stratus.core.RequestContext;
import dev.stratus.core.store.ReadView;
import dev.stratus.core.store.Store;
import dev.stratus.core.store.Transaction;
import dev.stratus.elbv2.model.Listener;
import dev.stratus.elbv2.model.LoadBalancer;
import dev.stratus.elbv2.model.ResourceTags;
import dev.stratus.elbv2.model.Rule;
import dev.stratus.elbv2.model.TargetGroup;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/** AddTags, RemoveTags, DescribeTags over every ELBv2 resource (50 tags each, no {@code aws:} keys). */
public final class Elbv2Tags {
  static final int MAX_TAGS = 50;
  private final Store store;

  public Elbv2Tags(Store store) { this.store = store; }

  public AddTagsResponse addTags(RequestContext ctx, AddTagsRequest req) {
    String scope = ctx.regionalScope();
    store.write(tx -> {
      req.resourceArns().forEach(arn -> requireResource(tx, scope, arn));
      req.resourceArns().forEach(arn -> put(tx, scope, arn, req.tags()));
      return null;
    });
    return AddTagsResponse.builder().build();
  }

  public RemoveTagsResponse removeTags(RequestContext ctx, RemoveTagsRequest req) {
    String scope = ctx.regionalScope();
    store.write(tx -> {
      for (String arn : req.resourceArns()) {
        requireResource(tx, scope, arn);
        var tags = new HashMap<>(tx.get(ResourceTags.TABLE, scope, arn).map(ResourceTags::tags).orElse(Map.of()));
        req.tagKeys().forEach(tags::remove);
        tx.put(ResourceTags.TABLE, scope, arn, new ResourceTags(arn, tags));
      }
      return null;
    });
    return RemoveTagsResponse.builder().build();
  }

  public DescribeTagsResponse describeTags(RequestContext ctx, DescribeTagsRequest req) {
    String scope = ctx.regionalScope();
    if (req.resourceArns().size() > 20) {
      throw Elbv2Errors.validation("1 validation error detected: Value at 'resourceArns' failed to satisfy constraint: "
          + "Member must have length less than or equal to 20");
    }
    var out = req.resourceArns().stream().map(arn -> {
      requireResource(store, scope, arn);
      var tags = new TreeMap<>(store.get(ResourceTags.TABLE, scope, arn).map(ResourceTags::tags).orElse(Map.of()));
      return TagDescription.builder().resourceArn(arn)
          .tags(tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build();
    }).toList();
    return DescribeTagsResponse.builder().tagDescriptions(out).build();
  }

  static void requireTagCount(int n) {
    if (n > MAX_TAGS) throw Elbv2Errors.error("TooManyTags", "The quota for the number of tags that can be assigned to a resource has been reached");
  }

  /** Adds {@code tags} to the resource's tags (same key: replaced), refusing past 50 or on {@code aws:} keys. */
  static void put(Transaction tx, String scope, String arn, Collection<Tag> tags) {
    var merged = new HashMap<>(tx.get(ResourceTags.TABLE, scope, arn).map(ResourceTags::tags).orElse(Map.of()));
    for (Tag t : tags) {
      if (t.key() == null || t.key().isEmpty() || t.key().length() > 128) {
        throw Elbv2Errors.validation("Tag key must be between 1 and 128 characters");
      }
      if (t.key().toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
        throw Elbv2Errors.validation("Tag keys starting with 'aws:' are reserved for internal use");
      }
      if (t.value() != null && t.value().length() > 256) {
        throw Elbv2Errors.validation("Tag value cannot be longer than 256 characters");
      }
      merged.put(t.key(), t.value() == null ? "" : t.value());
    }
    requireTagCount(merged.size());
    tx.put(ResourceTags.TABLE, scope, arn, new ResourceTags(arn, merged));
  }

  private static void requireResource(ReadView v, String scope, String arn) {
    if (arn == null) throw Elbv2Errors.validation("A resource ARN must be specified");
    if (arn.contains(":loadbalancer/")) Elbv2Reads.loadBalancer(v, scope, arn);
    else if (arn.contains(":targetgroup/")) Elbv2Reads.targetGroup(v, scope, arn);
    else if (arn.contains(":listener-rule/")) Elbv2Reads.rule(v, scope, arn);
    else if (arn.contains(":listener/")) Elbv2Reads.listener(v, scope, arn);
    else throw Elbv2Errors.validation("'" + arn + "' is not a valid resource ARN");
  }
}
