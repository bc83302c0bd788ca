package dev.stratus.route53;

import dev.stratus.core.RequestContext;
import dev.stratus.core.store.ReadView;
import dev.stratus.route53.model.ResourceTags;
import dev.stratus.route53.model.Route53Tables;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.route53.model.ChangeTagsForResourceRequest;
import software.amazon.awssdk.services.route53.model.ChangeTagsForResourceResponse;
import software.amazon.awssdk.services.route53.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.route53.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.route53.model.ListTagsForResourcesRequest;
import software.amazon.awssdk.services.route53.model.ListTagsForResourcesResponse;
import software.amazon.awssdk.services.route53.model.ResourceTagSet;
import software.amazon.awssdk.services.route53.model.Tag;

/** Tags of hosted zones and health checks (ChangeTagsForResource, ListTagsForResource[s]). */
public final class TagOperations {
  /** Most tags added or removed in one ChangeTagsForResource call. */
  public static final int MAX_CHANGES = 10;
  /** Most resources in one ListTagsForResources call. */
  public static final int MAX_RESOURCES = 10;

  private final Route53State state;

  TagOperations(Route53State state) { this.state = state; }

  public ChangeTagsForResourceResponse changeTagsForResource(RequestContext ctx, ChangeTagsForResourceRequest req) {
    String account = ctx.globalScope();
    String type = type(req.resourceTypeAsString());
    if (req.addTags().size() > MAX_CHANGES) {
      throw Route53Errors.constraint(req.addTags().size(), "addTags", "Member must have length less than or equal to 10");
    }
    if (req.removeTagKeys().size() > MAX_CHANGES) {
      throw Route53Errors.constraint(req.removeTagKeys().size(), "removeTagKeys", "Member must have length less than or equal to 10");
    }
    return state.store.write(tx -> {
      String id = resource(tx, account, type, req.resourceId());
      String row = ResourceTags.storeId(type, id);
      var tags = new TreeMap<>(tx.get(Route53Tables.TAGS, account, row).map(ResourceTags::tags).orElse(Map.of()));
      for (Tag tag : req.addTags()) {
        if (tag.key() == null) throw Route53Errors.missing("addTags.member.key");
        tags.put(tag.key(), tag.value() == null ? "" : tag.value());
      }
      req.removeTagKeys().forEach(tags::remove);
      if (tags.size() > ResourceTags.MAX_TAGS) throw Route53Errors.invalidInput("A resource can have at most 50 tags.");
      tx.put(Route53Tables.TAGS, account, row, new ResourceTags(type, id, tags));
      return ChangeTagsForResourceResponse.builder().build();
    });
  }

  public ListTagsForResourceResponse listTagsForResource(RequestContext ctx, ListTagsForResourceRequest req) {
    String type = type(req.resourceTypeAsString());
    return ListTagsForResourceResponse.builder()
        .resourceTagSet(tagSet(ctx.globalScope(), type, resource(state.store, ctx.globalScope(), type, req.resourceId())))
        .build();
  }

  public ListTagsForResourcesResponse listTagsForResources(RequestContext ctx, ListTagsForResourcesRequest req) {
    String type = type(req.resourceTypeAsString());
    if (!req.hasResourceIds() || req.resourceIds().isEmpty() || req.resourceIds().size() > MAX_RESOURCES) {
      throw Route53Errors.constraint(req.resourceIds().size(), "resourceIds", "Member must have length between 1 and 10");
    }
    return ListTagsForResourcesResponse.builder().resourceTagSets(req.resourceIds().stream()
        .map(id -> tagSet(ctx.globalScope(), type, resource(state.store, ctx.globalScope(), type, id))).toList()).build();
  }

  private ResourceTagSet tagSet(String account, String type, String id) {
    var tags = state.store.get(Route53Tables.TAGS, account, ResourceTags.storeId(type, id)).map(ResourceTags::tags).orElse(Map.of());
    return ResourceTagSet.builder().resourceType(type).resourceId(id)
        .tags(tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build();
  }

  private static String type(String value) {
    if (!"hostedzone".equals(value) && !"healthcheck".equals(value)) {
      throw Route53Errors.constraint(value, "resourceType", "Member must satisfy enum value set: [healthcheck, hostedzone]");
    }
    return value;
  }

  /** The bare id of an existing resource, or NoSuchHostedZone / NoSuchHealthCheck. */
  private static String resource(ReadView view, String account, String type, String id) {
    return type.equals("hostedzone") ? Route53State.zone(view, account, id).id()
        : Route53State.healthCheck(view, account, id).id();
  }
}
