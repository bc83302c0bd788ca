package dev.stratus.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.core.store.StoreJson;
import java.math.BigInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CidrTest {

  @Test
  @DisplayName("vpc.md §1: input is canonicalised")
  void parse_hostBitsSet_canonicalises() {
    assertThat(Cidr.parse("100.68.0.18/18").toString()).isEqualTo("100.68.0.0/18");
  }

  @Test
  void tryParse_malformed_empty() {
    assertThat(Cidr.tryParse("10.0.0.0")).isEmpty();
    assertThat(Cidr.tryParse("10.0.0.0/33")).isEmpty();
    assertThat(Cidr.tryParse("10.0.0.256/16")).isEmpty();
    assertThat(Cidr.tryParse("example.com/16")).isEmpty();
    assertThat(Cidr.tryParse("vpc-1/16")).isEmpty();
    assertThat(Cidr.tryParse("2001:db8::/129")).isEmpty();
  }

  @Test
  void parse_ipv6_compressesAndClearsHostBits() {
    assertThat(Cidr.parse("2001:DB8:0:0:1::/56").toString()).isEqualTo("2001:db8::/56");
    assertThat(Cidr.parse("::/0").toString()).isEqualTo("::/0");
  }

  @Test
  void containsAndOverlaps_sameFamilyOnly() {
    Cidr vpc = Cidr.parse("10.0.0.0/16");
    assertThat(vpc.contains(Cidr.parse("10.0.1.0/24"))).isTrue();
    assertThat(vpc.contains(Cidr.parse("10.1.0.0/24"))).isFalse();
    assertThat(Cidr.parse("10.0.1.0/24").overlaps(vpc)).isTrue();
    assertThat(Cidr.parse("0.0.0.0/0").contains(Cidr.parse("::/0"))).isFalse();
    assertThat(vpc.containsAddress("10.0.255.255")).isTrue();
    assertThat(vpc.containsAddress("::1")).isFalse();
  }

  @Test
  void addressAt_negativeCountsFromEnd() {
    Cidr c = Cidr.parse("10.0.1.0/28");
    assertThat(c.addressAt(2)).isEqualTo("10.0.1.2");
    assertThat(c.addressAt(-1)).isEqualTo("10.0.1.15");
    assertThat(c.size()).isEqualTo(BigInteger.valueOf(16));
  }

  @Test
  void json_roundTripsAsText() {
    Cidr c = Cidr.parse("172.31.0.0/20");
    assertThat(StoreJson.write(c)).isEqualTo("\"172.31.0.0/20\"");
    assertThat(StoreJson.read("\"172.31.0.0/20\"", Cidr.class)).isEqualTo(c);
  }

  @Test
  void portRange_invertedBounds_refused() {
    assertThatThrownBy(() -> PortRange.of(10, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThat(PortRange.of(80, 80).contains(80)).isTrue();
  }
}
