package dev.stratus.wafv2.engine;

import static dev.stratus.wafv2.engine.WafTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.http.HttpRequestView;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.wafv2.model.OverrideAction;
import software.amazon.awssdk.services.wafv2.model.Rule;
import software.amazon.awssdk.services.wafv2.model.Statement;

/**
 * Rough single-thread cost of CRS + KnownBadInputs + SQLi on ordinary requests (printed; the bound
 * is loose because CI machines are shared). The engine runs on the event loop, so this is the
 * latency it adds to every request.
 */
class EngineThroughputTest {
  private static Rule managed(String name, int priority) {
    Statement s = Statement.builder().managedRuleGroupStatement(m -> m.vendorName("AWS").name(name)).build();
    return Rule.builder().name(name).priority(priority).statement(s).overrideAction(OverrideAction.builder().none(n -> { }).build())
        .visibilityConfig(v -> v.metricName(name).cloudWatchMetricsEnabled(true).sampledRequestsEnabled(true)).build();
  }

  @Test
  void evaluationsPerSecond() {
    var acl = engine().compile(acl(managed(ManagedRuleGroups.COMMON_RULE_SET, 0), managed(ManagedRuleGroups.KNOWN_BAD_INPUTS, 1),
        managed(ManagedRuleGroups.SQLI_RULE_SET, 2)), WafLookups.none());
    HttpRequestView getReq = get("/products/42?sort=price&page=2&q=red+shoes").header("host", "shop.example.com")
        .header("accept", "text/html").header("cookie", "session=abc123; theme=dark").view();
    HttpRequestView postReq = post("/api/orders", "{\"items\":[" + "{\"sku\":\"A-1\",\"qty\":2,\"note\":\"leave at the door\"},".repeat(20)
        + "{}]}").header("host", "shop.example.com").header("content-type", "application/json").view();
    for (int i = 0; i < 2_000; i++) {
      acl.evaluate(getReq, InspectionLimits.ALB);
      acl.evaluate(postReq, InspectionLimits.ALB);
    }
    int n = 5_000;
    // thread CPU time, not wall time: the build machine is shared, and waiting for a core is not our cost
    var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    long t0 = cpu.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) assertThat(acl.evaluate(getReq, InspectionLimits.ALB).passes()).isTrue();
    long t1 = cpu.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) assertThat(acl.evaluate(postReq, InspectionLimits.ALB).passes()).isTrue();
    long t2 = cpu.getCurrentThreadCpuTime();
    double getUs = (t1 - t0) / 1e3 / n;
    double postUs = (t2 - t1) / 1e3 / n;
    System.out.printf("[waf-throughput] CRS+KBI+SQLi: GET %.1f µs/request (%.0f/s), 1.1 KB JSON POST %.1f µs/request (%.0f/s), one thread, CPU time%n",
        getUs, 1e6 / getUs, postUs, 1e6 / postUs);
    assertThat(getUs).isLessThan(5_000);
    assertThat(postUs).isLessThan(5_000);
  }
}
