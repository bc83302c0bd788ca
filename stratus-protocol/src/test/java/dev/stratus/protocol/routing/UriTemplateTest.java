package dev.stratus.protocol.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UriTemplateTest {

  @Test void match_labelSegment_bindsDecodedValue() {
    UriTemplate t = new UriTemplate("/2013-04-01/hostedzone/{Id}/rrset/");

    assertThat(t.match("/2013-04-01/hostedzone/Z%2F1/rrset/", Map.of())).hasValue(Map.of("Id", "Z/1"));
    assertThat(t.match("/2013-04-01/hostedzone/Z1/rrset", Map.of())).hasValue(Map.of("Id", "Z1"));
  }

  @Test void match_wrongLiteralOrLength_isEmpty() {
    UriTemplate t = new UriTemplate("/2013-04-01/hostedzone/{Id}");

    assertThat(t.match("/2013-04-01/healthcheck/Z1", Map.of())).isEmpty();
    assertThat(t.match("/2013-04-01/hostedzone/Z1/rrset", Map.of())).isEmpty();
    assertThat(t.match("/2013-04-01/hostedzone", Map.of())).isEmpty();
  }

  @Test void match_greedyLabel_spansSlashes() {
    UriTemplate t = new UriTemplate("/restapis/{restapi_id}/exports/{stage+}");

    assertThat(t.match("/restapis/a1/exports/prod/v1", Map.of()))
        .hasValue(Map.of("restapi_id", "a1", "stage", "prod/v1"));
  }

  @Test void match_queryConstraint_requiresParameter() {
    UriTemplate t = new UriTemplate("/2020-05-31/distribution?WithTags");

    assertThat(t.match("/2020-05-31/distribution", Map.of())).isEmpty();
    assertThat(t.match("/2020-05-31/distribution", Map.of("WithTags", List.of("")))).hasValue(Map.of());
  }

  @Test void specificity_moreLiteralsAndConstraints_rankHigher() {
    assertThat(new UriTemplate("/a/{b}/c").specificity()).isGreaterThan(new UriTemplate("/a/{b}/{c}").specificity());
    assertThat(new UriTemplate("/a?x").specificity()).isGreaterThan(new UriTemplate("/a").specificity());
    assertThat(new UriTemplate("/a/{b}").specificity()).isGreaterThan(new UriTemplate("/a/{b+}").specificity());
  }
}
