package dev.stratus.wafv2;

import java.util.List;
import java.util.Optional;

/**
 * The AWS managed rule groups Stratus knows, with AWS's names, WCU costs, versions, rule names,
 * default actions and labels (AWS WAF Developer Guide, "AWS Managed Rules rule groups list").
 */
final class ManagedRuleGroups {
  private ManagedRuleGroups() {}

  /** One rule of a managed group: its name, default action and the label it adds when it matches. */
  record ManagedRule(String name, String action, String label) {}

  /**
   * @param labelNamespace the prefix of the group's labels, e.g. {@code awswaf:managed:aws:core-rule-set:}
   * @param versions oldest first; empty for groups AWS does not version (IP reputation)
   */
  record ManagedGroup(String name, String description, int capacity, String labelNamespace, List<String> versions,
      String defaultVersion, List<ManagedRule> rules) {}

  private static ManagedRule block(String ns, String name, String label) { return new ManagedRule(name, "Block", ns + label); }

  private static final String CRS = "awswaf:managed:aws:core-rule-set:";
  private static final String KBI = "awswaf:managed:aws:known-bad-inputs:";
  private static final String SQLI = "awswaf:managed:aws:sql-database:";
  private static final String IPREP = "awswaf:managed:aws:amazon-ip-list:";

  static final List<ManagedGroup> AWS = List.of(
      new ManagedGroup("AWSManagedRulesCommonRuleSet",
          "Contains rules that are generally applicable to web applications. This provides protection against "
              + "exploitation of a wide range of vulnerabilities, including those described in OWASP publications.",
          700, CRS, List.of("Version_1.0", "Version_1.1", "Version_1.2", "Version_1.3", "Version_1.4", "Version_1.5",
              "Version_1.6", "Version_1.7", "Version_1.8", "Version_1.9", "Version_1.10", "Version_1.11",
              "Version_1.12", "Version_1.13", "Version_1.14"), "Version_1.14",
          List.of(
              block(CRS, "NoUserAgent_HEADER", "NoUserAgent_Header"),
              block(CRS, "UserAgent_BadBots_HEADER", "BadBots_Header"),
              block(CRS, "SizeRestrictions_QUERYSTRING", "SizeRestrictions_QueryString"),
              block(CRS, "SizeRestrictions_Cookie_HEADER", "SizeRestrictions_Cookie_Header"),
              block(CRS, "SizeRestrictions_BODY", "SizeRestrictions_Body"),
              block(CRS, "SizeRestrictions_URIPATH", "SizeRestrictions_URIPath"),
              block(CRS, "EC2MetaDataSSRF_BODY", "EC2MetaDataSSRF_Body"),
              block(CRS, "EC2MetaDataSSRF_COOKIE", "EC2MetaDataSSRF_Cookie"),
              block(CRS, "EC2MetaDataSSRF_URIPATH", "EC2MetaDataSSRF_URIPath"),
              block(CRS, "EC2MetaDataSSRF_QUERYARGUMENTS", "EC2MetaDataSSRF_QueryArguments"),
              block(CRS, "GenericLFI_QUERYARGUMENTS", "GenericLFI_QueryArguments"),
              block(CRS, "GenericLFI_URIPATH", "GenericLFI_URIPath"),
              block(CRS, "GenericLFI_BODY", "GenericLFI_Body"),
              block(CRS, "RestrictedExtensions_URIPATH", "RestrictedExtensions_URIPath"),
              block(CRS, "RestrictedExtensions_QUERYARGUMENTS", "RestrictedExtensions_QueryArguments"),
              block(CRS, "GenericRFI_QUERYARGUMENTS", "GenericRFI_QueryArguments"),
              block(CRS, "GenericRFI_BODY", "GenericRFI_Body"),
              block(CRS, "GenericRFI_URIPATH", "GenericRFI_URIPath"),
              block(CRS, "CrossSiteScripting_COOKIE", "CrossSiteScripting_Cookie"),
              block(CRS, "CrossSiteScripting_QUERYARGUMENTS", "CrossSiteScripting_QueryArguments"),
              block(CRS, "CrossSiteScripting_BODY", "CrossSiteScripting_Body"),
              block(CRS, "CrossSiteScripting_URIPATH", "CrossSiteScripting_URIPath"))),
      new ManagedGroup("AWSManagedRulesKnownBadInputsRuleSet",
          "Contains rules that allow you to block request patterns that are known to be invalid and are associated "
              + "with exploitation or discovery of vulnerabilities.",
          200, KBI, List.of("Version_1.0", "Version_1.1", "Version_1.2", "Version_1.3", "Version_1.4", "Version_1.5",
              "Version_1.6", "Version_1.7", "Version_1.8", "Version_1.9", "Version_1.10", "Version_1.11",
              "Version_1.12", "Version_1.13", "Version_1.14", "Version_1.15", "Version_1.16", "Version_1.17",
              "Version_1.18", "Version_1.19", "Version_1.20", "Version_1.21", "Version_1.22"), "Version_1.22",
          List.of(
              block(KBI, "JavaDeserializationRCE_HEADER", "JavaDeserializationRCE_Header"),
              block(KBI, "JavaDeserializationRCE_BODY", "JavaDeserializationRCE_Body"),
              block(KBI, "JavaDeserializationRCE_URIPATH", "JavaDeserializationRCE_URIPath"),
              block(KBI, "JavaDeserializationRCE_QUERYSTRING", "JavaDeserializationRCE_QueryString"),
              block(KBI, "Host_localhost_HEADER", "Host_Localhost_Header"),
              block(KBI, "PROPFIND_METHOD", "Propfind_Method"),
              block(KBI, "ExploitablePaths_URIPATH", "ExploitablePaths_URIPath"),
              block(KBI, "Log4JRCE_HEADER", "Log4JRCE_Header"),
              block(KBI, "Log4JRCE_QUERYSTRING", "Log4JRCE_QueryString"),
              block(KBI, "Log4JRCE_BODY", "Log4JRCE_Body"),
              block(KBI, "Log4JRCE_URIPATH", "Log4JRCE_URIPath"))),
      new ManagedGroup("AWSManagedRulesSQLiRuleSet",
          "Contains rules that allow you to block request patterns associated with exploitation of SQL databases, "
              + "like SQL injection attacks.",
          200, SQLI, List.of("Version_1.0", "Version_1.1", "Version_1.2", "Version_2.0"), "Version_2.0",
          List.of(
              block(SQLI, "SQLi_QUERYARGUMENTS", "SQLi_QueryArguments"),
              block(SQLI, "SQLiExtendedPatterns_QUERYARGUMENTS", "SQLiExtendedPatterns_QueryArguments"),
              block(SQLI, "SQLi_BODY", "SQLi_Body"),
              block(SQLI, "SQLiExtendedPatterns_BODY", "SQLiExtendedPatterns_Body"),
              block(SQLI, "SQLi_COOKIE", "SQLi_Cookie"),
              block(SQLI, "SQLi_URIPATH", "SQLi_URIPath"))),
      new ManagedGroup("AWSManagedRulesAmazonIpReputationList",
          "This group contains rules that are based on Amazon threat intelligence. This is useful if you would like "
              + "to block sources associated with bots or other threats.",
          25, IPREP, List.of(), null,
          List.of(
              block(IPREP, "AWSManagedIPReputationList", "AWSManagedIPReputationList"),
              block(IPREP, "AWSManagedReconnaissanceList", "AWSManagedReconnaissanceList"),
              new ManagedRule("AWSManagedIPDDoSList", "Count", IPREP + "AWSManagedIPDDoSList"))));

  static Optional<ManagedGroup> find(String vendor, String name) {
    if (!"AWS".equals(vendor)) return Optional.empty();
    return AWS.stream().filter(g -> g.name().equals(name)).findFirst();
  }
}
