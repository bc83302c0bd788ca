package dev.stratus.elbv2;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AWS's predefined ELB security policies: the TLS versions and cipher suites each allows (AWS's
 * "Security policies for your Application Load Balancer" tables, OpenSSL names, in AWS's
 * priority order), and the same suites in the JDK's names for the listener's TLS context.
 */
public final class SslPolicies {
  private SslPolicies() {}

  /** The cipher suites (OpenSSL names, by priority) policy {@code name} allows; the default policy's for an unknown or null one. */
  public static List<String> ciphers(String name) {
    List<String> c = name == null ? null : CIPHERS.get(name);
    return c == null ? CIPHERS.get("ELBSecurityPolicy-TLS13-1-2-2021-06") : c;
  }

  /** {@link #ciphers} in the JDK's names (what the listener's TLS context enables). */
  public static List<String> jdkCiphers(String name) {
    return ciphers(name).stream().map(SslPolicies::jdkName).toList();
  }

  /** An OpenSSL cipher name in the JDK's (IANA) form: ECDHE-RSA-AES128-GCM-SHA256 → TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256. */
  static String jdkName(String openssl) {
    if (openssl.startsWith("TLS_")) return openssl; // TLS 1.3 suites share their names
    if (openssl.equals("DES-CBC3-SHA")) return "SSL_RSA_WITH_3DES_EDE_CBC_SHA";
    String kx = "RSA";
    String rest = openssl;
    if (rest.startsWith("ECDHE-ECDSA-")) {
      kx = "ECDHE_ECDSA";
      rest = rest.substring("ECDHE-ECDSA-".length());
    } else if (rest.startsWith("ECDHE-RSA-")) {
      kx = "ECDHE_RSA";
      rest = rest.substring("ECDHE-RSA-".length());
    }
    String[] parts = rest.split("-"); // AES128 [GCM] SHA256
    String cipher = parts[0].replace("AES", "AES_");
    boolean gcm = parts.length == 3 && parts[1].equals("GCM");
    String mac = parts[parts.length - 1];
    return "TLS_" + kx + "_WITH_" + cipher + (gcm ? "_GCM_" : "_CBC_") + mac;
  }

  private static final List<String> TLS13 = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");
  private static final List<String> TLS13_FIPS = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384");
  private static final List<String> ECDHE_GCM = List.of("ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
      "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384");
  private static final List<String> ECDHE_12 = List.of("ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
      "ECDHE-ECDSA-AES128-SHA256", "ECDHE-RSA-AES128-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
      "ECDHE-ECDSA-AES256-SHA384", "ECDHE-RSA-AES256-SHA384");
  private static final List<String> RSA_12 = List.of("AES128-GCM-SHA256", "AES128-SHA256", "AES256-GCM-SHA384", "AES256-SHA256");
  private static final List<String> ECDHE_SHA1 = List.of("ECDHE-ECDSA-AES128-SHA", "ECDHE-RSA-AES128-SHA", "ECDHE-RSA-AES256-SHA",
      "ECDHE-ECDSA-AES256-SHA");
  private static final List<String> RSA_SHA1 = List.of("AES128-SHA", "AES256-SHA");
  private static final List<String> FS = join(List.of("ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
      "ECDHE-ECDSA-AES128-SHA256", "ECDHE-RSA-AES128-SHA256", "ECDHE-ECDSA-AES128-SHA", "ECDHE-RSA-AES128-SHA",
      "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-ECDSA-AES256-SHA384", "ECDHE-RSA-AES256-SHA384",
      "ECDHE-RSA-AES256-SHA", "ECDHE-ECDSA-AES256-SHA"));
  private static final List<String> CLASSIC = join(FS, List.of("AES128-GCM-SHA256", "AES128-SHA256", "AES128-SHA",
      "AES256-GCM-SHA384", "AES256-SHA256", "AES256-SHA"));

  @SafeVarargs
  private static List<String> join(List<String>... lists) {
    return java.util.Arrays.stream(lists).flatMap(List::stream).distinct().toList();
  }

  static final Map<String, List<String>> CIPHERS = new LinkedHashMap<>();

  static {
    CIPHERS.put("ELBSecurityPolicy-TLS13-1-2-2021-06", join(TLS13, ECDHE_12));
    CIPHERS.put("ELBSecurityPolicy-TLS13-1-2-Res-2021-06", join(TLS13, ECDHE_GCM));
    CIPHERS.put("ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06", join(TLS13, ECDHE_12, RSA_12));
    CIPHERS.put("ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06", join(TLS13, ECDHE_12, ECDHE_SHA1, RSA_12, RSA_SHA1));
    CIPHERS.put("ELBSecurityPolicy-TLS13-1-1-2021-06", join(TLS13, ECDHE_12, ECDHE_SHA1, RSA_12, RSA_SHA1));
    CIPHERS.put("ELBSecurityPolicy-TLS13-1-0-2021-06", join(TLS13, ECDHE_12, ECDHE_SHA1, RSA_12, RSA_SHA1));
    CIPHERS.put("ELBSecurityPolicy-TLS13-1-3-2021-06", TLS13);
    CIPHERS.put("ELBSecurityPolicy-TLS13-1-2-PQ-2025-09", join(TLS13, ECDHE_12));
    CIPHERS.put("ELBSecurityPolicy-TLS13-1-3-PQ-2025-09", TLS13);
    CIPHERS.put("ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04", join(TLS13_FIPS, ECDHE_12));
    CIPHERS.put("ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04", TLS13_FIPS);
    CIPHERS.put("ELBSecurityPolicy-2016-08", CLASSIC);
    CIPHERS.put("ELBSecurityPolicy-TLS-1-0-2015-04", join(CLASSIC, List.of("DES-CBC3-SHA")));
    CIPHERS.put("ELBSecurityPolicy-TLS-1-1-2017-01", CLASSIC);
    CIPHERS.put("ELBSecurityPolicy-TLS-1-2-2017-01", join(ECDHE_12, RSA_12));
    CIPHERS.put("ELBSecurityPolicy-TLS-1-2-Ext-2018-06", join(ECDHE_12, ECDHE_SHA1, RSA_12, RSA_SHA1));
    CIPHERS.put("ELBSecurityPolicy-FS-2018-06", FS);
    CIPHERS.put("ELBSecurityPolicy-FS-1-1-2019-08", FS);
    CIPHERS.put("ELBSecurityPolicy-FS-1-2-2019-08", FS);
    CIPHERS.put("ELBSecurityPolicy-FS-1-2-Res-2019-08", ECDHE_12);
    CIPHERS.put("ELBSecurityPolicy-FS-1-2-Res-2020-10", ECDHE_GCM);
    CIPHERS.put("ELBSecurityPolicy-2015-05", CLASSIC);
  }

  /** The TLS versions (JDK names) policy {@code name} allows; TLS 1.2 and 1.3 for an unknown or null one. */
  public static List<String> protocols(String name) {
    return name == null ? T12_13 : ALL.getOrDefault(name, T12_13);
  }

  private static final List<String> T13 = List.of("TLSv1.3");
  private static final List<String> T12_13 = List.of("TLSv1.2", "TLSv1.3");
  private static final List<String> T11_13 = List.of("TLSv1.1", "TLSv1.2", "TLSv1.3");
  private static final List<String> T10_13 = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
  private static final List<String> T10_12 = List.of("TLSv1", "TLSv1.1", "TLSv1.2");
  private static final List<String> T11_12 = List.of("TLSv1.1", "TLSv1.2");
  private static final List<String> T12 = List.of("TLSv1.2");

  static final Map<String, List<String>> ALL = new LinkedHashMap<>();

  static {
    ALL.put("ELBSecurityPolicy-TLS13-1-2-2021-06", T12_13);
    ALL.put("ELBSecurityPolicy-TLS13-1-2-Res-2021-06", T12_13);
    ALL.put("ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06", T12_13);
    ALL.put("ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06", T12_13);
    ALL.put("ELBSecurityPolicy-TLS13-1-1-2021-06", T11_13);
    ALL.put("ELBSecurityPolicy-TLS13-1-0-2021-06", T10_13);
    ALL.put("ELBSecurityPolicy-TLS13-1-3-2021-06", T13);
    ALL.put("ELBSecurityPolicy-TLS13-1-2-PQ-2025-09", T12_13);
    ALL.put("ELBSecurityPolicy-TLS13-1-3-PQ-2025-09", T13);
    ALL.put("ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04", T12_13);
    ALL.put("ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04", T13);
    ALL.put("ELBSecurityPolicy-2016-08", T10_12);
    ALL.put("ELBSecurityPolicy-TLS-1-0-2015-04", T10_12);
    ALL.put("ELBSecurityPolicy-TLS-1-1-2017-01", T11_12);
    ALL.put("ELBSecurityPolicy-TLS-1-2-2017-01", T12);
    ALL.put("ELBSecurityPolicy-TLS-1-2-Ext-2018-06", T12);
    ALL.put("ELBSecurityPolicy-FS-2018-06", T10_12);
    ALL.put("ELBSecurityPolicy-FS-1-1-2019-08", T11_12);
    ALL.put("ELBSecurityPolicy-FS-1-2-2019-08", T12);
    ALL.put("ELBSecurityPolicy-FS-1-2-Res-2019-08", T12);
    ALL.put("ELBSecurityPolicy-FS-1-2-Res-2020-10", T12);
    ALL.put("ELBSecurityPolicy-2015-05", T10_12);
  }
}
