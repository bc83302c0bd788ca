package dev.stratus.route53.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** DNS name rules (route53.md §35). */
class DnsNameTest {

  @Test
  @DisplayName("§35 trailing dot optional, letters lower-cased")
  void normalize_mixedCaseWithoutDot_lowerFullyQualified() {
    assertThat(DnsName.normalize("WWW.Example.COM")).isEqualTo("www.example.com.");
    assertThat(DnsName.normalize("www.example.com.")).isEqualTo("www.example.com.");
  }

  @Test
  @DisplayName("§35 escape codes are decoded for storage and re-encoded on output")
  void normalize_octalEscape_decodedAndReencoded() {
    assertThat(DnsName.normalize("\\052.example.com")).isEqualTo("*.example.com.");
    assertThat(DnsName.toWire("*.example.com.")).isEqualTo("\\052.example.com.");
  }

  @Test
  @DisplayName("ListResourceRecordSets order: labels reversed, apex first, children after parents")
  void canonicalOrder_sortsByReversedLabels() {
    var names = new ArrayList<>(List.of("c.example.com.", "b.a.example.com.", "example.com.", "a.example.com.", "z.a.example.com."));
    names.sort(DnsName.CANONICAL_ORDER);
    assertThat(names).containsExactly("example.com.", "a.example.com.", "b.a.example.com.", "z.a.example.com.", "c.example.com.");
  }

  @Test
  void problem_emptyLabel_reported() {
    assertThat(DnsName.problem("a..example.com")).isEqualTo("empty label");
    assertThat(DnsName.problem("a.example.com")).isNull();
  }

  @Test
  void inZone_suffixWithoutDot_false() {
    assertThat(DnsName.inZone("badexample.com.", "example.com.")).isFalse();
    assertThat(DnsName.inZone("a.example.com.", "example.com.")).isTrue();
  }
}
