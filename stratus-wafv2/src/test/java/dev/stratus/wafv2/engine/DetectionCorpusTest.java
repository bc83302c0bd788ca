package dev.stratus.wafv2.engine;

import static dev.stratus.wafv2.engine.WafTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.wafv2.model.OverrideAction;
import software.amazon.awssdk.services.wafv2.model.Rule;
import software.amazon.awssdk.services.wafv2.model.Statement;

/**
 * Detection over a small attack / benign corpus (src/test/resources/waf-corpus, sources cited in
 * each file): the SQLi and XSS detectors on their own, and a web ACL of CRS + KnownBadInputs +
 * SQLi set with each payload sent as a query argument and as a form body. Prints the true- and
 * false-positive counts; fails when detection falls or false positives rise past today's figures.
 */
class DetectionCorpusTest {
  static List<String> corpus(String name) throws IOException {
    try (InputStream in = DetectionCorpusTest.class.getResourceAsStream("/waf-corpus/" + name)) {
      List<String> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) out.add(line);
      }
      return out;
    }
  }

  private static List<String> hits(List<String> items, Predicate<String> detector) {
    return items.stream().filter(detector).toList();
  }

  private static void report(String what, List<String> attacks, List<String> detected, List<String> benign, List<String> falsePositives) {
    System.out.printf("[waf-corpus] %-32s detected %3d/%-3d (%5.1f%%)  false positives %2d/%-3d (%4.1f%%)%n", what,
        detected.size(), attacks.size(), 100.0 * detected.size() / attacks.size(),
        falsePositives.size(), benign.size(), 100.0 * falsePositives.size() / benign.size());
    List<String> missed = new ArrayList<>(attacks);
    missed.removeAll(detected);
    if (!missed.isEmpty()) System.out.println("[waf-corpus]   missed: " + missed);
    if (!falsePositives.isEmpty()) System.out.println("[waf-corpus]   false positives: " + falsePositives);
  }

  @Test
  void sqliDetector() throws IOException {
    List<String> attacks = corpus("sqli.txt");
    List<String> benign = corpus("benign.txt");
    List<String> low = hits(attacks, v -> SqlInjection.detect(Evaluation.bytes(v), false));
    List<String> lowFp = hits(benign, v -> SqlInjection.detect(Evaluation.bytes(v), false));
    List<String> high = hits(attacks, v -> SqlInjection.detect(Evaluation.bytes(v), true));
    List<String> highFp = hits(benign, v -> SqlInjection.detect(Evaluation.bytes(v), true));
    report("SqliMatch LOW", attacks, low, benign, lowFp);
    report("SqliMatch HIGH", attacks, high, benign, highFp);
    assertThat(low.size()).isGreaterThanOrEqualTo(attacks.size() * 95 / 100);
    assertThat(lowFp).hasSizeLessThanOrEqualTo(1);
    assertThat(high.size()).isGreaterThanOrEqualTo(low.size());
    assertThat(highFp.size()).isGreaterThanOrEqualTo(lowFp.size());
  }

  @Test
  void xssDetector() throws IOException {
    List<String> attacks = corpus("xss.txt");
    List<String> benign = corpus("benign.txt");
    List<String> detected = hits(attacks, v -> CrossSiteScripting.detect(Transformations.htmlEntityDecode(Evaluation.bytes(v))));
    List<String> fp = hits(benign, v -> CrossSiteScripting.detect(Transformations.htmlEntityDecode(Evaluation.bytes(v))));
    report("XssMatch", attacks, detected, benign, fp);
    assertThat(detected.size()).isGreaterThanOrEqualTo(attacks.size() * 9 / 10);
    assertThat(fp).hasSizeLessThanOrEqualTo(1);
  }

  private static Rule managed(String name, int priority) {
    Statement s = Statement.builder().managedRuleGroupStatement(m -> m.vendorName("AWS").name(name)).build();
    return Rule.builder().name(name).priority(priority).statement(s).overrideAction(OverrideAction.builder().none(n -> { }).build())
        .visibilityConfig(v -> v.metricName(name).cloudWatchMetricsEnabled(true).sampledRequestsEnabled(true)).build();
  }

  @Test
  void managedGroupsThroughTheWebAcl() throws IOException {
    var acl = engine().compile(acl(managed(ManagedRuleGroups.COMMON_RULE_SET, 0), managed(ManagedRuleGroups.KNOWN_BAD_INPUTS, 1),
        managed(ManagedRuleGroups.SQLI_RULE_SET, 2)), WafLookups.none());
    Predicate<String> inQuery = v -> acl.evaluate(get("/search?q=" + URLEncoder.encode(v, StandardCharsets.UTF_8))
        .header("host", "shop.example.com").view(), InspectionLimits.ALB).action() == WafAction.BLOCK;
    Predicate<String> inBody = v -> acl.evaluate(post("/form", "q=" + URLEncoder.encode(v, StandardCharsets.UTF_8))
        .header("host", "shop.example.com").header("content-type", "application/x-www-form-urlencoded").view(),
        InspectionLimits.ALB).action() == WafAction.BLOCK;
    List<String> attacks = new ArrayList<>();
    attacks.addAll(corpus("sqli.txt"));
    attacks.addAll(corpus("xss.txt"));
    attacks.addAll(corpus("other-attacks.txt"));
    List<String> benign = corpus("benign.txt");
    List<String> q = hits(attacks, inQuery);
    List<String> qFp = hits(benign, inQuery);
    List<String> b = hits(attacks, inBody);
    List<String> bFp = hits(benign, inBody);
    report("CRS+KBI+SQLi, query argument", attacks, q, benign, qFp);
    report("CRS+KBI+SQLi, form body", attacks, b, benign, bFp);
    assertThat(q.size()).isGreaterThanOrEqualTo(attacks.size() * 95 / 100);
    assertThat(b.size()).isGreaterThanOrEqualTo(attacks.size() * 95 / 100);
    assertThat(qFp).hasSizeLessThanOrEqualTo(1);
    assertThat(bFp).hasSizeLessThanOrEqualTo(1);
  }

  /** Payloads written after tuning: figures only loosely asserted, to report rather than to overfit. */
  @Test
  void heldOutCorpusThroughTheWebAcl() throws IOException {
    var acl = engine().compile(acl(managed(ManagedRuleGroups.COMMON_RULE_SET, 0), managed(ManagedRuleGroups.KNOWN_BAD_INPUTS, 1),
        managed(ManagedRuleGroups.SQLI_RULE_SET, 2)), WafLookups.none());
    Predicate<String> inQuery = v -> acl.evaluate(get("/search?q=" + URLEncoder.encode(v, StandardCharsets.UTF_8))
        .header("host", "shop.example.com").view(), InspectionLimits.ALB).action() == WafAction.BLOCK;
    List<String> attacks = corpus("heldout-attacks.txt");
    List<String> benign = corpus("heldout-benign.txt");
    List<String> detected = hits(attacks, inQuery);
    List<String> fp = hits(benign, inQuery);
    report("held out, query argument", attacks, detected, benign, fp);
    assertThat(detected.size()).isGreaterThanOrEqualTo(attacks.size() * 3 / 4);
    assertThat(fp.size()).isLessThanOrEqualTo(benign.size() / 10);
  }
}
