package dev.stratus.route53.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Route 53's per-type syntax of a {@code ResourceRecord.Value} (route53.md §33–35; the value
 * formats of https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/ResourceRecordTypes.html).
 * A bad value makes the whole change batch fail with InvalidChangeBatch.
 */
public final class RecordValueSyntax {
  /*
   * AWS reports a bad value as "Invalid Resource Record: 'FATAL problem: <Code> (<reason>)
   * encountered with '<value>''". ARRDATAIllegalIPv4Address, AAAARRDATAIllegalIPv6Address,
   * InvalidCharacterString and DomainLabelEmpty are codes seen in AWS answers; the reason
   * texts of the other types are inferred in the same shape (route53.md is silent on them).
   * Checks are structural (field counts, numbers in range, quoting); they do not resolve names.
   */

  private static final Pattern IPV4 = Pattern.compile(
      "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]+");
  /** A quoted character-string of TXT/SPF/CAA/NAPTR: {@code "…"} with {@code \"} escapes. */
  private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern QUOTED_LIST = Pattern.compile("\\s*(\"(?:[^\"\\\\]|\\\\.)*\"\\s*)+");

  /** Longest character-string inside a TXT/SPF value (RFC 1035 §3.3). */
  public static final int MAX_CHARACTER_STRING = 255;

  private RecordValueSyntax() {}

  /** AWS's message for a bad value, or empty when {@code value} is acceptable for {@code type}. */
  public static Optional<String> problem(RrType type, String value) {
    String v = value.trim();
    return switch (type) {
      case A -> IPV4.matcher(v).matches() ? ok()
          : fatal("ARRDATAIllegalIPv4Address", "Value is not a valid IPv4 address", value);
      case AAAA -> ipv6(v) ? ok()
          : fatal("AAAARRDATAIllegalIPv6Address", "Value is not a valid IPv6 address", value);
      case CNAME, NS, PTR -> domain(v, value);
      case MX -> fields(v, 2, value, "MX").or(() -> number(v.split("\\s+")[0], 0xffff, "MX", value))
          .or(() -> domain(v.split("\\s+")[1], value));
      case SRV -> fields(v, 4, value, "SRV").or(() -> srv(v, value));
      case TXT, SPF -> txt(v, value);
      case CAA -> caa(v, value);
      case NAPTR -> naptr(v, value);
      case DS -> ds(v, value);
      case SOA -> fields(v, 7, value, "SOA").or(() -> soa(v, value));
      case TLSA, SSHFP, SVCB, HTTPS -> v.isEmpty() ? fatal("EmptyValue", "Value is empty", value) : ok();
    };
  }

  private static Optional<String> ok() { return Optional.empty(); }

  private static Optional<String> fatal(String code, String reason, String value) {
    return Optional.of("Invalid Resource Record: 'FATAL problem: " + code + " (" + reason + ") encountered with '"
        + value + "''");
  }

  private static boolean ipv6(String v) {
    if (!v.contains(":") || !v.matches("[0-9A-Fa-f:.]+")) return false;
    try {
      // Only hex digits, colons and dots reach here, so this parses a literal and never resolves.
      return java.net.InetAddress.getByName(v) instanceof java.net.Inet6Address;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static Optional<String> domain(String v, String value) {
    if (v.isEmpty()) return fatal("DomainLabelEmpty", "Domain label is empty", value);
    if (v.equals(".")) return ok();
    String n = v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
    for (String label : n.split("\\.", -1)) {
      if (label.isEmpty()) return fatal("DomainLabelEmpty", "Domain label is empty", value);
      if (label.length() > 63) return fatal("DomainLabelTooLong", "Domain label is too long", value);
    }
    if (n.length() > DnsName.MAX_LENGTH) return fatal("DomainNameTooLong", "Domain name is too long", value);
    if (v.chars().anyMatch(Character::isWhitespace)) {
      return fatal("DomainLabelIllegalCharacter", "Domain label contains an illegal character", value);
    }
    return ok();
  }

  private static Optional<String> fields(String v, int count, String value, String type) {
    return v.split("\\s+").length == count ? ok()
        : fatal(type + "RRDATANotEnoughFields", type + " record must contain " + count + " fields", value);
  }

  private static Optional<String> number(String field, long max, String type, String value) {
    try {
      long n = Long.parseLong(field);
      return n >= 0 && n <= max ? ok() : fatal(type + "RRDATAIllegalNumber", "Value is out of range", value);
    } catch (NumberFormatException e) {
      return fatal(type + "RRDATAIllegalNumber", "Value is not a number", value);
    }
  }

  private static Optional<String> srv(String v, String value) {
    String[] f = v.split("\\s+");
    return number(f[0], 0xffff, "SRV", value).or(() -> number(f[1], 0xffff, "SRV", value))
        .or(() -> number(f[2], 0xffff, "SRV", value)).or(() -> domain(f[3], value));
  }

  private static Optional<String> txt(String v, String value) {
    if (!QUOTED_LIST.matcher(v).matches()) {
      return fatal("InvalidCharacterString", "Value should be enclosed in quotation marks", value);
    }
    var m = QUOTED.matcher(v);
    while (m.find()) {
      if (m.group(1).replaceAll("\\\\(\\d{3}|.)", "x").length() > MAX_CHARACTER_STRING) {
        return fatal("CharacterStringTooLong", "Value is too long", value);
      }
    }
    return ok();
  }

  private static Optional<String> caa(String v, String value) {
    String[] f = v.split("\\s+", 3);
    if (f.length != 3) return fatal("CAARRDATANotEnoughFields", "CAA record must contain three fields", value);
    if (!f[1].matches("[A-Za-z0-9]+")) return fatal("CAARRDATAIllegalTag", "CAA tag is not valid", value);
    return number(f[0], 255, "CAA", value).or(() -> QUOTED.matcher(f[2]).matches() ? ok()
        : fatal("InvalidCharacterString", "Value should be enclosed in quotation marks", value));
  }

  private static Optional<String> naptr(String v, String value) {
    var m = Pattern.compile("(\\d+)\\s+(\\d+)\\s+(\"[^\"]*\")\\s+(\"[^\"]*\")\\s+(\"(?:[^\"\\\\]|\\\\.)*\")\\s+(\\S+)").matcher(v);
    if (!m.matches()) return fatal("NAPTRRDATANotEnoughFields", "NAPTR record must contain six fields", value);
    return number(m.group(1), 0xffff, "NAPTR", value).or(() -> number(m.group(2), 0xffff, "NAPTR", value))
        .or(() -> domain(m.group(6), value));
  }

  private static Optional<String> ds(String v, String value) {
    String[] f = v.split("\\s+");
    if (f.length != 4) return fatal("DSRRDATANotEnoughFields", "DS record must contain four fields", value);
    return number(f[0], 0xffff, "DS", value).or(() -> number(f[1], 255, "DS", value))
        .or(() -> number(f[2], 255, "DS", value))
        .or(() -> HEX.matcher(f[3]).matches() ? ok() : fatal("DSRRDATAIllegalDigest", "Digest is not hexadecimal", value));
  }

  private static Optional<String> soa(String v, String value) {
    String[] f = v.split("\\s+");
    Optional<String> p = domain(f[0], value).or(() -> domain(f[1], value));
    for (int i = 2; i < 7 && p.isEmpty(); i++) p = number(f[i], 0xffffffffL, "SOA", value);
    return p;
  }
}
