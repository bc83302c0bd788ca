package dev.stratus.cloudfront;

import static dev.stratus.cloudfront.CloudFrontTesting.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.cloudfront.model.CloudFrontChanges;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The change feed the edge follows, driven through the SDK. */
class CloudFrontChangesIT {
  @Test
  void createUpdateInvalidateDelete_areReportedInOrder() {
    try (var t = new CloudFrontTesting()) {
      List<String> seen = new CopyOnWriteArrayList<>();
      CloudFrontChanges.follow(t.server.context().store(), new CloudFrontChanges() {
        @Override public void distributionChanged(String id) { seen.add("changed " + id); }
        @Override public void distributionDeleted(String id) { seen.add("deleted " + id); }
        @Override public void invalidated(String id, List<String> paths) { seen.add("invalidated " + id + " " + paths); }
        @Override public void dependencyChanged() { seen.add("dependency"); }
      });
      var cf = t.cf;
      var created = cf.createDistribution(r -> r.distributionConfig(config().build()));
      String id = created.distribution().id();
      cf.createInvalidation(r -> r.distributionId(id).invalidationBatch(b -> b.callerReference("x")
          .paths(p -> p.quantity(1).items("/*"))));
      var disabled = cf.updateDistribution(r -> r.id(id).ifMatch(created.eTag())
          .distributionConfig(created.distribution().distributionConfig().toBuilder().enabled(false).build()));
      cf.createCachePolicy(r -> r.cachePolicyConfig(CloudFrontPolicyIT.cachePolicy("feed")));
      t.clock.advance(CloudFrontTesting.DEPLOY);
      cf.deleteDistribution(r -> r.id(id).ifMatch(disabled.eTag()));
      assertThat(seen).containsExactly("changed " + id, "invalidated " + id + " [/*]", "changed " + id, "dependency",
          "deleted " + id);
    }
  }
}
