package dev.stratus.ec2.insights;

import java.util.Map;
import software.amazon.awssdk.services.ec2.model.Tag;

/** Stored paths and analyses as the SDK's {@code NetworkInsightsPath} / {@code NetworkInsightsAnalysis}. */
final class InsightsShapes {
  private InsightsShapes() {}

  static software.amazon.awssdk.services.ec2.model.NetworkInsightsPath path(NetworkInsightsPath p) {
    return software.amazon.awssdk.services.ec2.model.NetworkInsightsPath.builder().networkInsightsPathId(p.id())
        .networkInsightsPathArn(p.arn()).createdDate(p.createdDate()).source(p.source()).sourceArn(p.sourceArn())
        .destination(p.destination()).destinationArn(p.destinationArn()).sourceIp(p.sourceIp())
        .destinationIp(p.destinationIp()).protocol(p.protocol()).destinationPort(p.destinationPort())
        .tags(p.tags().isEmpty() ? null : tags(p.tags())).build();
  }

  static software.amazon.awssdk.services.ec2.model.NetworkInsightsAnalysis analysis(NetworkInsightsAnalysis a) {
    var b = a.findings() == null ? software.amazon.awssdk.services.ec2.model.NetworkInsightsAnalysis.builder()
        : CliJson.read(a.findings(), software.amazon.awssdk.services.ec2.model.NetworkInsightsAnalysis.class)
            .toBuilder();
    return b.networkInsightsAnalysisId(a.id()).networkInsightsAnalysisArn(a.arn()).networkInsightsPathId(a.pathId())
        .startDate(a.startDate()).status(a.status()).statusMessage(a.statusMessage())
        .networkPathFound(a.networkPathFound()).tags(tags(a.tags())).build();
  }

  private static java.util.List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }
}
