package dev.stratus.net.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HealthCheckerConfigTest {

  private HealthCheckerConfig http(HealthCheckType type, int port) {
    return HealthCheckerConfig.endpoint("hc", type, "192.0.2.10", port, "health", Optional.empty());
  }

  @Test
  @DisplayName("§25 default ports send the bare domain name")
  void hostHeader_defaultPort_bareName() {
    assertThat(http(HealthCheckType.HTTP, 80).withDomainName("www.example.com").hostHeader()).isEqualTo("www.example.com");
    assertThat(http(HealthCheckType.HTTPS, 443).withDomainName("www.example.com").hostHeader()).isEqualTo("www.example.com");
  }

  @Test
  @DisplayName("§25 other ports append :port")
  void hostHeader_otherPort_appendsPort() {
    assertThat(http(HealthCheckType.HTTPS, 80).withDomainName("www.example.com").hostHeader())
        .isEqualTo("www.example.com:80");
    assertThat(http(HealthCheckType.HTTP, 8080).hostHeader()).isEqualTo("192.0.2.10:8080");
  }

  @Test
  @DisplayName("§25 no domain name: the IP address is the host")
  void hostHeader_noDomain_usesIp() {
    assertThat(http(HealthCheckType.HTTP, 80).hostHeader()).isEqualTo("192.0.2.10");
  }

  @Test
  @DisplayName("§23 a leading slash is added to the resource path")
  void resourcePath_noLeadingSlash_added() {
    assertThat(http(HealthCheckType.HTTP, 80).resourcePath()).isEqualTo("/health");
    var request = EndpointProbe.request(http(HealthCheckType.HTTP, 80));
    assertThat(request.uri()).isEqualTo("/health");
    assertThat(request.headers().get("Host")).isEqualTo("192.0.2.10");
  }

  @Test
  void constructor_badPortOrThreshold_rejected() {
    assertThatThrownBy(() -> http(HealthCheckType.TCP, 0)).hasMessageContaining("port");
    assertThatThrownBy(() -> http(HealthCheckType.TCP, 80).withFailureThreshold(0)).hasMessageContaining("failureThreshold");
  }
}
