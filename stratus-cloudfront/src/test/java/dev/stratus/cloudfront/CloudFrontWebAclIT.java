package dev.stratus.cloudfront;

import static dev.stratus.cloudfront.CloudFrontTesting.assertAwsError;
import static dev.stratus.cloudfront.CloudFrontTesting.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.http.WebAcls;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** With WAF running: WebACLId must name an existing CLOUDFRONT web ACL, and WAF hears which distribution uses it. */
class CloudFrontWebAclIT {
  static final String ACL = "arn:aws:wafv2:us-east-1:000000000000:global/webacl/edge/473e64fd-f30b-4765-81a0-62ad96dd167a";
  static final String OTHER = "arn:aws:wafv2:us-east-1:000000000000:global/webacl/gone/573e64fd-f30b-4765-81a0-62ad96dd167a";

  @Test
  void webAclId_checkedWithWaf_andUseReported() {
    try (var t = new CloudFrontTesting()) {
      List<String> used = new CopyOnWriteArrayList<>();
      t.server.context().extensions().provide(WebAcls.class, new WebAcls() {
        @Override public boolean existsForCloudFront(String arn) { return arn.equals(ACL); }
        @Override public void use(String resourceArn, String webAclArn) { used.add(resourceArn + " -> " + webAclArn); }
      });
      var cf = t.cf;
      assertAwsError(() -> cf.createDistribution(r -> r.distributionConfig(config(b -> b.webACLId(OTHER)))),
          "InvalidWebACLId", 400);
      var created = cf.createDistribution(r -> r.distributionConfig(config(b -> b.webACLId(ACL))));
      var d = created.distribution();
      assertThat(used).containsExactly(d.arn() + " -> " + ACL);
      var cleared = cf.updateDistribution(r -> r.id(d.id()).ifMatch(created.eTag())
          .distributionConfig(d.distributionConfig().toBuilder().webACLId("").enabled(false).build()));
      assertThat(used).last().isEqualTo(d.arn() + " -> null");
      t.clock.advance(CloudFrontTesting.DEPLOY);
      cf.deleteDistribution(r -> r.id(d.id()).ifMatch(cleared.eTag()));
      assertThat(used).hasSize(3).last().isEqualTo(d.arn() + " -> null");
    }
  }
}
