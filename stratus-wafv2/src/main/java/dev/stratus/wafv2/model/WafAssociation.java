package dev.stratus.wafv2.model;

import dev.stratus.core.store.Table;

/**
 * A web ACL associated with a regional resource (an ALB, an API Gateway REST stage), stored in the
 * resource's account/region scope under the resource's ARN: one web ACL per resource.
 *
 * @param webAclScope the store scope of the web ACL row ({@link WafScope#storeScope})
 */
public record WafAssociation(String resourceArn, String webAclArn, String webAclId, String webAclScope) {
  public static final Table<WafAssociation> TABLE = Table.of("wafv2.association", WafAssociation.class);
}
