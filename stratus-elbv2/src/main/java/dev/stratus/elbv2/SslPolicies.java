package dev.stratus.elbv2;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** AWS's predefined ELB security policies and the TLS versions each allows. */
public final class SslPolicies {
  private SslPolicies() {}

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
