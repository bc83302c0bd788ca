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

  @Test
  void parseBlockOrAddress_bareAddress_isFullLength() {
    assertThat(Cidr.parseBlockOrAddress("10.0.1.5")).isEqualTo(Cidr.parse("10.0.1.5/32"));
    assertThat(Cidr.parseBlockOrAddress("2600:1f18::1").prefixLength()).isEqualTo(128);
    assertThat(Cidr.tryParseBlockOrAddress("10.0.1.5/8/2")).isEmpty();
    assertThat(Cidr.tryParseBlockOrAddress("example.com")).isEmpty();
    assertThat(Cidr.ofAddress("10.0.1.5").isAddress()).isTrue();
  }

  @Test
  void ipv6_containsAcrossTheHalves() {
    Cidr net = Cidr.parse("2600:1f18::/56");
    assertThat(net.contains(Cidr.parseBlockOrAddress("2600:1f18:0:ff::1"))).isTrue();
    assertThat(net.contains(Cidr.parseBlockOrAddress("2600:1f18:0:100::1"))).isFalse();
    assertThat(Cidr.parse("2600:1f18::/120").contains(Cidr.parseBlockOrAddress("2600:1f18::ff"))).isTrue();
    assertThat(Cidr.parse("2600:1f18::/120").contains(Cidr.parseBlockOrAddress("2600:1f18::100"))).isFalse();
    assertThat(Cidr.ANY_IPV6.contains(net)).isTrue();
    assertThat(Cidr.ANY_IPV4.contains(net)).isFalse();
  }

  @Test
  void bigIntegerForm_roundTripsAndOrdersUnsigned() {
    Cidr high = Cidr.parse("ff00::/8");
    assertThat(new Cidr(true, high.base(), 8)).isEqualTo(high);
    assertThat(high.compareTo(Cidr.parse("2600::/16"))).isPositive();
    assertThat(Cidr.parse("200.0.0.0/8").compareTo(Cidr.parse("10.0.0.0/8"))).isPositive();
    assertThat(Cidr.parse("10.0.0.0/24").containsAddress(BigInteger.valueOf(0x0A0000FFL))).isTrue();
  }

  @Test
  void hostAtTruncateAndRfc1918() {
    Cidr c = Cidr.parse("10.0.1.0/24");
    assertThat(c.hostAt(10).toString()).isEqualTo("10.0.1.10/32");
    assertThat(c.hostAt(10).address()).isEqualTo("10.0.1.10");
    assertThat(c.hostAt(10).truncate(16)).isEqualTo(Cidr.parse("10.0.0.0/16"));
    assertThat(Cidr.parseBlockOrAddress("172.20.1.1").isRfc1918()).isTrue();
    assertThat(Cidr.parseBlockOrAddress("172.32.1.1").isRfc1918()).isFalse();
  }

  @Test
  void portRange_intersectAndCovers() {
    assertThat(PortRange.of(80, 443).intersect(PortRange.of(400, 500))).contains(PortRange.of(400, 443));
    assertThat(PortRange.of(80, 80).intersect(PortRange.of(81, 90))).isEmpty();
    assertThat(PortRange.ALL.covers(PortRange.EPHEMERAL)).isTrue();
    assertThat(PortRange.EPHEMERAL.toString()).isEqualTo("1024-65535");
  }
}
