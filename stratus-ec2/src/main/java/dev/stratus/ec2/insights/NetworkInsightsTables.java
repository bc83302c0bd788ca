package dev.stratus.ec2.insights;

import dev.stratus.core.store.Table;

/** The store tables of Network Insights, scoped like every EC2 table by account/region, keyed by id. */
public final class NetworkInsightsTables {
  private NetworkInsightsTables() {}

  /** Paths ({@code nip-…}). */
  public static final Table<NetworkInsightsPath> PATH =
      Table.of("ec2.network_insights_path", NetworkInsightsPath.class);
  /** Analyses ({@code nia-…}). */
  public static final Table<NetworkInsightsAnalysis> ANALYSIS =
      Table.of("ec2.network_insights_analysis", NetworkInsightsAnalysis.class);
}
