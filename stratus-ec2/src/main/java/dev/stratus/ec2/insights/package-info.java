/**
 * EC2 Network Insights (VPC Reachability Analyzer) as an API: paths and analyses stored in the
 * EC2 store, answered by the pure engine in {@link dev.stratus.ec2.reachability} over a snapshot
 * of the account's committed EC2 state ({@link dev.stratus.ec2.insights.Ec2NetworkSnapshot}).
 */
/*
 * Read in this order: NetworkInsightsOperations (the six operations; PathRules checks a
 * path's own values), Ec2NetworkSnapshot (the
 * engine's Network, rebuilt only after an ec2.* change), PathResources (which ids a path may name,
 * and AWS's not-found errors for them), AnalysisShapes (engine verdict -> SDK PathComponent /
 * Explanation), CliJson (SDK objects <-> the JSON the AWS CLI prints; also how an analysis's
 * findings are stored), and the two stored records.
 */
package dev.stratus.ec2.insights;
