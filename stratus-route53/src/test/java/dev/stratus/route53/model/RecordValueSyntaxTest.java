package dev.stratus.route53.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Per-type value syntax (route53.md §33–35). */
class RecordValueSyntaxTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "A|192.0.2.1", "AAAA|2001:db8::1", "CNAME|www.example.com", "MX|10 mail.example.com", "TXT|\"hello world\"",
      "TXT|\"a\" \"b\"", "SPF|\"v=spf1 -all\"", "SRV|10 5 443 svc.example.com", "NS|ns1.example.net.", "PTR|host.example.com",
      "CAA|0 issue \"letsencrypt.org\"", "NAPTR|100 10 \"U\" \"E2U+sip\" \"!^.*$!sip:info@example.com!\" .",
      "DS|12345 8 2 49FD46E6C4B45C55D4AC", "SOA|ns-1.awsdns-01.net. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"})
  void problem_validValue_none(RrType type, String value) {
    assertThat(RecordValueSyntax.problem(type, value)).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "A|1.2.3", "A|256.0.0.1", "AAAA|192.0.2.1", "AAAA|2001:zz::1", "CNAME|a..b", "MX|mail.example.com",
      "MX|x mail.example.com", "TXT|unquoted", "SRV|10 5 svc.example.com", "CAA|0 issue unquoted",
      "DS|1 8 2 XYZ", "SOA|ns1. host. 1 2 3"})
  void problem_invalidValue_reported(RrType type, String value) {
    assertThat(RecordValueSyntax.problem(type, value)).isPresent();
  }

  @Test
  @DisplayName("§33 an invalid IPv4 address gets AWS's FATAL problem text")
  void problem_badIpv4_awsText() {
    assertThat(RecordValueSyntax.problem(RrType.A, "1.2.3")).contains("Invalid Resource Record: 'FATAL problem:"
        + " ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '1.2.3''");
  }

  @Test
  @DisplayName("§33 an unquoted TXT value gets AWS's InvalidCharacterString text")
  void problem_unquotedTxt_awsText() {
    assertThat(RecordValueSyntax.problem(RrType.TXT, "hello")).contains("Invalid Resource Record: 'FATAL problem:"
        + " InvalidCharacterString (Value should be enclosed in quotation marks) encountered with 'hello''");
  }

  @Test
  void problem_txtStringOver255_reported() {
    assertThat(RecordValueSyntax.problem(RrType.TXT, "\"" + "x".repeat(256) + "\"")).isPresent();
    assertThat(RecordValueSyntax.problem(RrType.TXT, "\"" + "x".repeat(255) + "\"")).isEmpty();
  }
}
