package dev.stratus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** One way to name a running Stratus: --endpoint, --port/--host, STRATUS_ENDPOINT, AWS_ENDPOINT_URL. */
class StratusEndpointTest {
  static String url(String endpoint, String host, Integer port, Map<String, String> env) throws Exception {
    return StratusEndpoint.resolve(endpoint, host, port, env).url();
  }

  @Test void nothingGiven_isLocal4566() throws Exception {
    assertThat(url(null, null, null, Map.of())).isEqualTo("http://127.0.0.1:4566");
  }

  @Test void endpointFlag_winsOverTheEnvironment() throws Exception {
    assertThat(url("http://localhost:5000", null, null, Map.of("STRATUS_ENDPOINT", "http://127.0.0.1:1")))
        .isEqualTo("http://localhost:5000");
  }

  @Test void stratusEndpoint_beforeAwsEndpointUrl() throws Exception {
    assertThat(url(null, null, null, Map.of("STRATUS_ENDPOINT", "http://127.0.0.2:7000", "AWS_ENDPOINT_URL", "http://x:1")))
        .isEqualTo("http://127.0.0.2:7000");
    assertThat(url(null, null, null, Map.of("AWS_ENDPOINT_URL", "http://127.0.0.3:7001/"))).isEqualTo("http://127.0.0.3:7001");
  }

  @Test void portAndHost_areShorthandsOverTheRest() throws Exception {
    assertThat(url(null, null, 4600, Map.of())).isEqualTo("http://127.0.0.1:4600");
    assertThat(url(null, "localhost", null, Map.of())).isEqualTo("http://localhost:4566");
    assertThat(url(null, null, 4600, Map.of("STRATUS_ENDPOINT", "http://127.0.0.5:1"))).isEqualTo("http://127.0.0.5:4600");
    assertThat(url(null, "::1", 4600, Map.of())).isEqualTo("http://[::1]:4600");
    assertThat(url(null, "0.0.0.0", 4600, Map.of())).isEqualTo("http://127.0.0.1:4600");
  }

  @Test void badValues_oneLineNamingTheFlagOrVariable() {
    assertThatThrownBy(() -> url("ftp://x", null, null, Map.of())).hasMessageStartingWith("--endpoint must be http://");
    assertThatThrownBy(() -> url("localhost:4566", null, null, Map.of())).hasMessageContaining("--endpoint");
    assertThatThrownBy(() -> url(null, null, null, Map.of("STRATUS_ENDPOINT", "nonsense"))).hasMessageStartingWith("STRATUS_ENDPOINT");
    assertThatThrownBy(() -> url(null, null, 99999, Map.of())).hasMessageContaining("1 to 65535");
    assertThatThrownBy(() -> url("http://a:1", null, 2, Map.of())).hasMessageContaining("not both");
  }
}
