package dev.stratus.cloudfront.dataplane.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** cloudfront.md §10 and §17, one case each. */
class TtlRulesTest {
  private static final Instant NOW = Instant.parse("2026-12-07T04:00:00Z");
  private static final CacheSettings POLICY = CacheSettings.legacy(0L, 100L, 1000L);
  private static final CacheSettings MIN_30 = CacheSettings.legacy(30L, 100L, 1000L);

  private static TtlRules.Ttl ttl(int status, Map<String, String> headers, CacheSettings s) {
    return TtlRules.ttl(status, name -> headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue).findFirst().orElse(null), NOW, s, TtlRules.DEFAULT_ERROR_TTL);
  }

  private static String http(Instant t) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(t.atZone(ZoneOffset.UTC));
  }

  @Test
  void sMaxAgeBeatsMaxAgeBeatsExpires() {
    assertThat(ttl(200, Map.of("Cache-Control", "max-age=500, s-maxage=20", "Expires", http(NOW.plusSeconds(900))), POLICY))
        .isEqualTo(new TtlRules.Ttl(true, 20));
    assertThat(ttl(200, Map.of("Cache-Control", "max-age=50", "Expires", http(NOW.plusSeconds(900))), POLICY).seconds())
        .isEqualTo(50);
    assertThat(ttl(200, Map.of("Expires", http(NOW.plusSeconds(300))), POLICY).seconds()).isEqualTo(300);
  }

  @Test
  void clampedToMinAndMax() {
    assertThat(ttl(200, Map.of("Cache-Control", "max-age=5000"), POLICY).seconds()).isEqualTo(1000);
    assertThat(ttl(200, Map.of("Cache-Control", "max-age=5"), MIN_30).seconds()).isEqualTo(30);
    assertThat(ttl(200, Map.of("Expires", http(NOW.minusSeconds(60))), MIN_30).seconds()).isEqualTo(30);
    assertThat(ttl(200, Map.of("Expires", http(NOW.minusSeconds(60))), POLICY).store()).isFalse();
  }

  @Test
  void noHeadersTakeDefaultTtl() {
    assertThat(ttl(200, Map.of(), POLICY).seconds()).isEqualTo(100);
    assertThat(ttl(200, Map.of(), CacheSettings.legacy(200L, 100L, 1000L)).seconds()).isEqualTo(200);
  }

  @Test
  void noCacheNoStorePrivateHonouredOnlyWithMinTtlZero() {
    for (String cc : new String[] {"no-cache", "no-store", "private", "private, max-age=600"}) {
      assertThat(ttl(200, Map.of("Cache-Control", cc), POLICY).store()).as(cc).isFalse();
      assertThat(ttl(200, Map.of("Cache-Control", cc), MIN_30)).as(cc).isEqualTo(new TtlRules.Ttl(true, 30));
    }
  }

  @Test
  void errorsCachedForErrorCachingMinTtl() {
    assertThat(ttl(404, Map.of(), POLICY).seconds()).isEqualTo(10);
    assertThat(ttl(503, Map.of("Cache-Control", "no-store"), POLICY).seconds()).isEqualTo(10);
    assertThat(ttl(403, Map.of(), POLICY).store()).isFalse();
    assertThat(ttl(403, Map.of("Cache-Control", "max-age=60"), POLICY).seconds()).isEqualTo(60);
    assertThat(ttl(206, Map.of("Cache-Control", "max-age=60"), POLICY).store()).isFalse();
  }

  @Test
  void pathPatternsAreCaseSensitiveAndCrossSlashes() {
    assertThat(PathPattern.of("images/*.jpg").matches("/images/a/b.jpg")).isTrue();
    assertThat(PathPattern.of("/images/*.jpg").matches("/images/LOGO.JPG")).isFalse();
    assertThat(PathPattern.of("/a?c").matches("/abc")).isTrue();
    assertThat(PathPattern.of("/a?c").matches("/abbc")).isFalse();
    assertThat(PathPattern.of("*").matches("/")).isTrue();
    assertThat(PathPattern.of("/x.$y").matches("/x.$y")).isTrue();
  }
}
