package dev.stratus.core.http;

/**
 * AWS WAF's web ACLs as another service attaches them, provided by WAF through
 * {@link dev.stratus.core.Extensions}. CloudFront names a distribution's web ACL in its own
 * configuration ({@code WebACLId}) rather than through AssociateWebACL: it checks the ARN here and
 * tells WAF which distribution uses which web ACL, and WAF puts that web ACL's filter in the
 * {@link FilterSlot#WAF} slot of the distribution's ARN in the {@link HttpFilterRegistry}.
 */
public interface WebAcls {

  /** Whether {@code webAclArn} names an existing web ACL of scope CLOUDFRONT (else CloudFront's InvalidWebACLId). */
  boolean existsForCloudFront(String webAclArn);

  /**
   * Runs web ACL {@code webAclArn} for {@code resourceArn} (e.g. {@code arn:aws:cloudfront::<account>:distribution/<id>}),
   * replacing any previous one; {@code null} stops it. Idempotent; call it again after a restart
   * for every resource that names a web ACL. While in use, the web ACL cannot be deleted.
   */
  void use(String resourceArn, String webAclArn);
}
