package dev.stratus.wafv2.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.wafv2.model.AllQueryArguments;
import software.amazon.awssdk.services.wafv2.model.Body;
import software.amazon.awssdk.services.wafv2.model.ComparisonOperator;
import software.amazon.awssdk.services.wafv2.model.CookieMatchPattern;
import software.amazon.awssdk.services.wafv2.model.Cookies;
import software.amazon.awssdk.services.wafv2.model.FieldToMatch;
import software.amazon.awssdk.services.wafv2.model.HeaderMatchPattern;
import software.amazon.awssdk.services.wafv2.model.Headers;
import software.amazon.awssdk.services.wafv2.model.Label;
import software.amazon.awssdk.services.wafv2.model.LabelSummary;
import software.amazon.awssdk.services.wafv2.model.MapMatchScope;
import software.amazon.awssdk.services.wafv2.model.Method;
import software.amazon.awssdk.services.wafv2.model.OversizeHandling;
import software.amazon.awssdk.services.wafv2.model.PositionalConstraint;
import software.amazon.awssdk.services.wafv2.model.QueryString;
import software.amazon.awssdk.services.wafv2.model.Rule;
import software.amazon.awssdk.services.wafv2.model.RuleAction;
import software.amazon.awssdk.services.wafv2.model.RuleGroup;
import software.amazon.awssdk.services.wafv2.model.SensitivityLevel;
import software.amazon.awssdk.services.wafv2.model.Statement;
import software.amazon.awssdk.services.wafv2.model.TextTransformation;
import software.amazon.awssdk.services.wafv2.model.TextTransformationType;
import software.amazon.awssdk.services.wafv2.model.UriPath;
import software.amazon.awssdk.services.wafv2.model.VisibilityConfig;

/**
 * The AWS managed rule groups Stratus implements, under AWS's group names, rule names (in AWS's
 * order), labels and default actions (wafv2.md §D; AWS developer guide "Baseline rule groups" and
 * "Use-case specific rule groups"). Each group is an ordinary SDK {@link RuleGroup} built from
 * ordinary statements, so it compiles through the same path as a customer's group, and the
 * control plane can describe it (DescribeManagedRuleGroup) from the same object.
 *
 * <p>AWS does not publish the rules' statements. What is written here follows each rule's
 * documented description and threshold; the regexes are ours.
 */
public final class ManagedRuleGroups {
  private ManagedRuleGroups() {}

  public static final String VENDOR = "AWS";
  public static final String COMMON_RULE_SET = "AWSManagedRulesCommonRuleSet";
  public static final String KNOWN_BAD_INPUTS = "AWSManagedRulesKnownBadInputsRuleSet";
  public static final String SQLI_RULE_SET = "AWSManagedRulesSQLiRuleSet";
  public static final String IP_REPUTATION_LIST = "AWSManagedRulesAmazonIpReputationList";
  /**
   * A managed group as AWS offers it: the rules Stratus runs, and the static version names it
   * answers to, oldest first (empty for groups AWS does not version). This is the one catalogue:
   * the control plane lists and describes these objects and the engine compiles them.
   *
   * <p>AWS's versions differ in signatures it does not publish; Stratus implements one rule set
   * per group, so every listed version (pinned with {@code Version}) runs the same rules, those
   * DescribeManagedRuleGroup lists. Version names follow AWS's changelog for each group.
   */
  public record Offering(RuleGroup group, List<String> versions) {
    public Offering {
      versions = List.copyOf(versions);
    }

    public String name() { return group.name(); }

    public boolean versioningSupported() { return !versions.isEmpty(); }

    /** The version a web ACL gets when it pins none; null for unversioned groups. */
    public String defaultVersion() { return versions.isEmpty() ? null : versions.getLast(); }

    /** Whether {@code version} (null: unpinned) names a version of this group. */
    public boolean hasVersion(String version) { return version == null || versions.contains(version); }
  }

  private static final String LOCALHOST_REGEX = "(?i)^(localhost|127\\.0\\.0\\.1|\\[::1\\]|0\\.0\\.0\\.0)(:\\d+)?$";
  private static final String EXPLOITABLE_PATHS_REGEX =
      "(?i)(^|/)(web-inf|meta-inf|\\.git|\\.svn|\\.hg|\\.env|\\.aws|phpmyadmin|wp-config\\.php|jmx-console"
          + "|admin-console|invoker/|web-console|_ignition|actuator/(env|heapdump|gateway|jolokia))(/|$)";

  // the transformation constants come before ALL: static initialisation runs in textual order
  private static final TextTransformationType URL = TextTransformationType.URL_DECODE;
  private static final TextTransformationType URL_UNI = TextTransformationType.URL_DECODE_UNI;
  private static final TextTransformationType HTML = TextTransformationType.HTML_ENTITY_DECODE;
  private static final TextTransformationType COMMENTS = TextTransformationType.REPLACE_COMMENTS;

  private static final List<Offering> ALL;

  static {
    ALL = List.of(new Offering(commonRuleSet(), versions(14)), new Offering(knownBadInputs(), versions(22)),
        new Offering(sqliRuleSet(), List.of("Version_1.0", "Version_1.1", "Version_1.2", "Version_2.0")),
        new Offering(ipReputation(), List.of()));
  }

  /** Version_1.0 … Version_1.{@code last}. */
  private static List<String> versions(int last) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i <= last; i++) out.add("Version_1." + i);
    return out;
  }

  /**
   * For each regex of Stratus's managed groups, literals (lower case) of which any match must
   * contain at least one. These patterns are ours, written without nested quantifiers, so the
   * engine runs them with java.util.regex behind this cheap prefilter; customers' regexes stay on
   * re2j, whose linear time protects the event loop from a pathological pattern.
   */
  static Optional<List<String>> prefilter(String regex) {
    return Optional.ofNullable(PREFILTERS.get(regex));
  }

  private static final java.util.Map<String, List<String>> PREFILTERS = java.util.Map.ofEntries(
      java.util.Map.entry(BAD_BOTS_REGEX(), List.of("nessus", "nmap", "nikto", "sqlmap", "masscan", "zgrab", "dirbuster",
          "gobuster", "wpscan", "acunetix", "netsparker", "w3af", "openvas", "havij", "jaeles", "nuclei", "fimap", "whatweb",
          "zmeu", "morfeus", "dirb", "ffuf", "wfuzz", "arachni", "skipfish", "paros", "webinspect", "appscan", "brutus", "hydra")),
      java.util.Map.entry(EC2_METADATA_REGEX(), List.of("169.254.169.254", "2852039166", "0xa9", "0251.0376", "a9fe",
          "fd00:ec2::254", "instance-data")),
      java.util.Map.entry(LFI_REGEX(), List.of("..", "/etc/", "/proc/self/", "windows", "boot.ini", "win.ini")),
      java.util.Map.entry(RESTRICTED_EXTENSIONS_REGEX(), List.of(".")),
      java.util.Map.entry(RFI_REGEX(), List.of("//")),
      java.util.Map.entry(JAVA_DESERIALIZATION_REGEX(), List.of("ro0ab", "aced0005", "java.lang", "org.apache.commons.collections",
          "ysoserial", "javax.naming.initialcontext", "class.module.classloader", "spring.cloud.function.routing-expression")),
      java.util.Map.entry(LOG4J_REGEX(), List.of("${")),
      java.util.Map.entry(LOCALHOST_REGEX, List.of("localhost", "127.0.0.1", "[::1]", "0.0.0.0")),
      java.util.Map.entry(EXPLOITABLE_PATHS_REGEX, List.of("web-inf", "meta-inf", ".git", ".svn", ".hg", ".env", ".aws",
          "phpmyadmin", "wp-config.php", "jmx-console", "admin-console", "invoker/", "web-console", "_ignition", "actuator/")),
      java.util.Map.entry(SQLI_EXTENDED_REGEX(), List.of("sleep", "benchmark", "waitfor", "union", "information_schema",
          "xp_cmdshell", ";", "extractvalue", "updatexml", "@@version", "load_file", "into")));

  private static String BAD_BOTS_REGEX() { return BAD_BOTS; }

  private static String EC2_METADATA_REGEX() { return EC2_METADATA; }

  private static String LFI_REGEX() { return LFI; }

  private static String RESTRICTED_EXTENSIONS_REGEX() { return RESTRICTED_EXTENSIONS; }

  private static String RFI_REGEX() { return RFI; }

  private static String JAVA_DESERIALIZATION_REGEX() { return JAVA_DESERIALIZATION; }

  private static String LOG4J_REGEX() { return LOG4J; }

  private static String SQLI_EXTENDED_REGEX() { return SQLI_EXTENDED; }


  /** Every managed group Stratus implements, in the order ListAvailableManagedRuleGroups lists them. */
  public static List<Offering> offerings() { return ALL; }

  /** The offering of vendor {@code vendor} named {@code name}, if Stratus implements it. */
  public static Optional<Offering> offering(String vendor, String name) {
    if (!VENDOR.equals(vendor)) return Optional.empty();
    return ALL.stream().filter(o -> o.name().equals(name)).findFirst();
  }

  /** The group AWS sells under vendor {@code vendor} and name {@code name}, if Stratus implements it. */
  public static Optional<RuleGroup> find(String vendor, String name) {
    return offering(vendor, name).map(Offering::group);
  }

  // ---- AWSManagedRulesCommonRuleSet ----------------------------------------------------------

  private static final String EC2_METADATA = "(?i)(169\\.254\\.169\\.254|2852039166|0xa9fea9fe|0xa9\\.0xfe\\.0xa9\\.0xfe"
      + "|0251\\.0376\\.0251\\.0376|\\[?::ffff:a9fe:a9fe\\]?|\\[?fd00:ec2::254\\]?|instance-data)";
  private static final String LFI = "(?i)((^|[/\\\\=])\\.\\.[/\\\\]|[/\\\\]\\.\\.$|/etc/(passwd|shadow|hosts|group)|/proc/self/"
      + "|c:[/\\\\]+windows|boot\\.ini|win\\.ini|\\.\\.;/)";
  private static final String RESTRICTED_EXTENSIONS = "(?i)\\.(log|ini|bak|backup|cfg|conf|config|sql|swp|old|tmp|temp|cmd|bat"
      + "|dll|cer|crt|csr|der|pem|key|p12|pfx|jks|mdb|ldb|dbf|sqlite|inc|htaccess|htpasswd|env|ds_store|passwd|history)$";
  private static final String RFI = "(?i)(https?|ftps?|file|gopher|ldap|dict|php|phar|smb|tftp|sftp|jar)\\s*:\\s*/{2,}"
      + "\\[?\\d{1,3}(\\.\\d{1,3}){3}";
  private static final String BAD_BOTS = "(?i)(nessus|nmap|nikto|sqlmap|masscan|zgrab|dirbuster|gobuster|wpscan|acunetix"
      + "|netsparker|w3af|openvas|havij|jaeles|nuclei|fimap|whatweb|zmeu|morfeus|dirb|ffuf|wfuzz|arachni|skipfish|paros"
      + "|webinspect|appscan|brutus|hydra)";

  static RuleGroup commonRuleSet() {
    String ns = "awswaf:managed:aws:core-rule-set:";
    List<Rule> rules = new ArrayList<>();
    rules.add(rule("NoUserAgent_HEADER", "NoUserAgent_Header",
        not(size(header("user-agent"), ComparisonOperator.GT, 0))));
    // AWS's label drops the "UserAgent_" of the rule name
    rules.add(rule("UserAgent_BadBots_HEADER", "BadBots_Header", regex(header("user-agent"), BAD_BOTS)));
    rules.add(rule("SizeRestrictions_QUERYSTRING", "SizeRestrictions_QueryString",
        size(FieldToMatch.builder().queryString(QueryString.builder().build()).build(), ComparisonOperator.GT, 2048)));
    rules.add(rule("SizeRestrictions_Cookie_HEADER", "SizeRestrictions_Cookie_Header",
        size(header("cookie"), ComparisonOperator.GT, 10_240)));
    rules.add(rule("SizeRestrictions_BODY", "SizeRestrictions_Body", size(body(), ComparisonOperator.GT, 8192)));
    rules.add(rule("SizeRestrictions_URIPATH", "SizeRestrictions_URIPath", size(uriPath(), ComparisonOperator.GT, 1024)));
    rules.add(rule("EC2MetaDataSSRF_BODY", "EC2MetaDataSSRF_Body", regex(body(), EC2_METADATA, URL, HTML)));
    rules.add(rule("EC2MetaDataSSRF_COOKIE", "EC2MetaDataSSRF_Cookie", regex(cookies(), EC2_METADATA, URL, HTML)));
    rules.add(rule("EC2MetaDataSSRF_URIPATH", "EC2MetaDataSSRF_URIPath", regex(uriPath(), EC2_METADATA, URL, HTML)));
    rules.add(rule("EC2MetaDataSSRF_QUERYARGUMENTS", "EC2MetaDataSSRF_QueryArguments", regex(queryArgs(), EC2_METADATA, URL, HTML)));
    rules.add(rule("GenericLFI_QUERYARGUMENTS", "GenericLFI_QueryArguments", regex(queryArgs(), LFI, URL, URL, HTML)));
    rules.add(rule("GenericLFI_URIPATH", "GenericLFI_URIPath", regex(uriPath(), LFI, URL, URL, HTML)));
    rules.add(rule("GenericLFI_BODY", "GenericLFI_Body", regex(body(), LFI, URL, URL, HTML)));
    rules.add(rule("RestrictedExtensions_URIPATH", "RestrictedExtensions_URIPath", regex(uriPath(), RESTRICTED_EXTENSIONS, URL)));
    rules.add(rule("RestrictedExtensions_QUERYARGUMENTS", "RestrictedExtensions_QueryArguments",
        regex(queryArgs(), RESTRICTED_EXTENSIONS, URL)));
    rules.add(rule("GenericRFI_QUERYARGUMENTS", "GenericRFI_QueryArguments", regex(queryArgs(), RFI, URL, HTML)));
    rules.add(rule("GenericRFI_BODY", "GenericRFI_Body", regex(body(), RFI, URL, HTML)));
    rules.add(rule("GenericRFI_URIPATH", "GenericRFI_URIPath", regex(uriPath(), RFI, URL, HTML)));
    rules.add(rule("CrossSiteScripting_COOKIE", "CrossSiteScripting_Cookie", xss(cookies())));
    rules.add(rule("CrossSiteScripting_QUERYARGUMENTS", "CrossSiteScripting_QueryArguments", xss(queryArgs())));
    rules.add(rule("CrossSiteScripting_BODY", "CrossSiteScripting_Body", xss(body())));
    rules.add(rule("CrossSiteScripting_URIPATH", "CrossSiteScripting_URIPath", xss(uriPath())));
    return group(COMMON_RULE_SET, "Contains rules that are generally applicable to web applications. This provides protection "
        + "against exploitation of a wide range of vulnerabilities, including those described in OWASP publications.",
        ns, 700, rules);
  }

  // ---- AWSManagedRulesKnownBadInputsRuleSet --------------------------------------------------

  private static final String JAVA_DESERIALIZATION = "(?i)(ro0ab|aced0005|java\\.lang\\.(runtime|processbuilder|reflect)"
      + "|org\\.apache\\.commons\\.collections|ysoserial|javax\\.naming\\.initialcontext|class\\.module\\.classloader"
      + "|spring\\.cloud\\.function\\.routing-expression|t\\(java\\.lang)";
  /** ${jndi:…} and its usual disguises: ${${lower:j}ndi:…}, ${${::-j}${::-n}di:…}, ${${env:X:-j}ndi…}. */
  private static final String LOG4J = "(?i)\\$\\{[^}]{0,40}?(jndi|\\$\\{(lower|upper|env|sys|::-|date|base64|main|java"
      + "|jvmrunargs|k8s|docker|web|spring|bundle|ctx|map|sd|marker|log4j)[^}]*\\})";

  static RuleGroup knownBadInputs() {
    String ns = "awswaf:managed:aws:known-bad-inputs:";
    List<Rule> rules = new ArrayList<>();
    rules.add(rule("JavaDeserializationRCE_HEADER", "JavaDeserializationRCE_Header", regex(headers(), JAVA_DESERIALIZATION, URL, HTML)));
    rules.add(rule("JavaDeserializationRCE_BODY", "JavaDeserializationRCE_Body", regex(body(), JAVA_DESERIALIZATION, URL, HTML)));
    rules.add(rule("JavaDeserializationRCE_URIPATH", "JavaDeserializationRCE_URIPath", regex(uriPath(), JAVA_DESERIALIZATION, URL, HTML)));
    rules.add(rule("JavaDeserializationRCE_QUERYSTRING", "JavaDeserializationRCE_QueryString",
        regex(FieldToMatch.builder().queryString(QueryString.builder().build()).build(), JAVA_DESERIALIZATION, URL, HTML)));
    rules.add(rule("Host_localhost_HEADER", "Host_Localhost_Header",
        regex(header("host"), LOCALHOST_REGEX)));
    rules.add(rule("PROPFIND_METHOD", "Propfind_Method", Statement.builder().byteMatchStatement(b -> b
        .fieldToMatch(FieldToMatch.builder().method(Method.builder().build()).build())
        .searchString(SdkBytes.fromUtf8String("PROPFIND")).positionalConstraint(PositionalConstraint.EXACTLY)
        .textTransformations(tt(0, TextTransformationType.NONE))).build()));
    rules.add(rule("ExploitablePaths_URIPATH", "ExploitablePaths_URIPath", regex(uriPath(), EXPLOITABLE_PATHS_REGEX, URL, URL)));
    rules.add(rule("Log4JRCE_HEADER", "Log4JRCE_Header", regex(headers(), LOG4J, URL_UNI, URL_UNI, HTML)));
    rules.add(rule("Log4JRCE_QUERYSTRING", "Log4JRCE_QueryString",
        regex(FieldToMatch.builder().queryString(QueryString.builder().build()).build(), LOG4J, URL_UNI, URL_UNI, HTML)));
    rules.add(rule("Log4JRCE_BODY", "Log4JRCE_Body", regex(body(), LOG4J, URL_UNI, URL_UNI, HTML)));
    rules.add(rule("Log4JRCE_URIPATH", "Log4JRCE_URIPath", regex(uriPath(), LOG4J, URL_UNI, URL_UNI, HTML)));
    return group(KNOWN_BAD_INPUTS, "Contains rules that allow you to block request patterns that are known to be invalid "
        + "and are associated with exploitation or discovery of vulnerabilities.", ns, 200, rules);
  }

  // ---- AWSManagedRulesSQLiRuleSet ------------------------------------------------------------

  /** Stacked or time-based shapes the fingerprints can miss when split across arguments. */
  private static final String SQLI_EXTENDED = "(?i)(\\b(sleep|pg_sleep|benchmark)\\s*\\(\\s*\\d|waitfor\\s+delay\\s+'"
      + "|\\bunion\\b[\\s\\S]{0,40}\\bselect\\b|information_schema|\\bxp_cmdshell\\b|;\\s*(drop|shutdown|exec)\\b"
      + "|\\b(extractvalue|updatexml)\\s*\\(|@@version|\\bload_file\\s*\\(|into\\s+(out|dump)file)";

  static RuleGroup sqliRuleSet() {
    String ns = "awswaf:managed:aws:sql-database:";
    List<Rule> rules = new ArrayList<>();
    rules.add(rule("SQLi_QUERYARGUMENTS", "SQLi_QueryArguments", sqli(queryArgs())));
    rules.add(rule("SQLiExtendedPatterns_QUERYARGUMENTS", "SQLiExtendedPatterns_QueryArguments",
        regex(queryArgs(), SQLI_EXTENDED, URL, HTML, COMMENTS)));
    rules.add(rule("SQLi_BODY", "SQLi_Body", sqli(body())));
    rules.add(rule("SQLiExtendedPatterns_BODY", "SQLiExtendedPatterns_Body", regex(body(), SQLI_EXTENDED, URL, HTML, COMMENTS)));
    rules.add(rule("SQLi_COOKIE", "SQLi_Cookie", sqli(cookies())));
    rules.add(rule("SQLi_URIPATH", "SQLi_URIPath", sqli(uriPath())));
    return group(SQLI_RULE_SET, "Contains rules that allow you to block request patterns associated with exploitation of "
        + "SQL databases, like SQL injection attacks.", ns, 200, rules);
  }

  // ---- AWSManagedRulesAmazonIpReputationList -------------------------------------------------

  /** Stratus has no threat-intelligence feed, so these rules exist (names, labels) but match nothing. */
  static RuleGroup ipReputation() {
    String ns = "awswaf:managed:aws:amazon-ip-list:";
    Statement never = size(FieldToMatch.builder().method(Method.builder().build()).build(), ComparisonOperator.LT, 0);
    List<Rule> rules = new ArrayList<>();
    rules.add(rule("AWSManagedIPReputationList", "AWSManagedIPReputationList", never));
    rules.add(rule("AWSManagedReconnaissanceList", "AWSManagedReconnaissanceList", never));
    rules.add(rule("AWSManagedIPDDoSList", "AWSManagedIPDDoSList", never).toBuilder()
        .action(RuleAction.builder().count(c -> { }).build()).build());
    return group(IP_REPUTATION_LIST, "This group contains rules that are based on Amazon threat intelligence. This is "
        + "useful if you would like to block sources associated with bots or other threats.", ns, 25, rules);
  }

  // ---- building blocks ----------------------------------------------------------------------

  private static RuleGroup group(String name, String description, String namespace, long capacity, List<Rule> rules) {
    List<Rule> numbered = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) numbered.add(rules.get(i).toBuilder().priority(i).build());
    return RuleGroup.builder().name(name).description(description).capacity(capacity).labelNamespace(namespace).rules(numbered)
        .availableLabels(numbered.stream().map(r -> LabelSummary.builder().name(namespace + r.ruleLabels().getFirst().name()).build()).toList())
        .visibilityConfig(VisibilityConfig.builder().metricName(name).cloudWatchMetricsEnabled(true).sampledRequestsEnabled(true).build())
        .build();
  }

  private static Rule rule(String name, String label, Statement statement) {
    return Rule.builder().name(name).statement(statement).action(RuleAction.builder().block(b -> { }).build())
        .ruleLabels(Label.builder().name(label).build())
        .visibilityConfig(VisibilityConfig.builder().metricName(name).cloudWatchMetricsEnabled(true).sampledRequestsEnabled(true).build())
        .build();
  }

  private static List<TextTransformation> tt(TextTransformationType... types) {
    List<TextTransformation> out = new ArrayList<>();
    for (int i = 0; i < types.length; i++) out.add(TextTransformation.builder().priority(i).type(types[i]).build());
    if (out.isEmpty()) out.add(TextTransformation.builder().priority(0).type(TextTransformationType.NONE).build());
    return out;
  }

  private static TextTransformation tt(int priority, TextTransformationType type) {
    return TextTransformation.builder().priority(priority).type(type).build();
  }

  private static FieldToMatch header(String name) { return FieldToMatch.builder().singleHeader(h -> h.name(name)).build(); }

  private static FieldToMatch uriPath() { return FieldToMatch.builder().uriPath(UriPath.builder().build()).build(); }

  private static FieldToMatch queryArgs() { return FieldToMatch.builder().allQueryArguments(AllQueryArguments.builder().build()).build(); }

  private static FieldToMatch body() {
    return FieldToMatch.builder().body(Body.builder().oversizeHandling(OversizeHandling.CONTINUE).build()).build();
  }

  private static FieldToMatch cookies() {
    return FieldToMatch.builder().cookies(Cookies.builder().matchPattern(CookieMatchPattern.builder().all(a -> { }).build())
        .matchScope(MapMatchScope.VALUE).oversizeHandling(OversizeHandling.CONTINUE).build()).build();
  }

  private static FieldToMatch headers() {
    return FieldToMatch.builder().headers(Headers.builder().matchPattern(HeaderMatchPattern.builder().all(a -> { }).build())
        .matchScope(MapMatchScope.ALL).oversizeHandling(OversizeHandling.CONTINUE).build()).build();
  }

  private static Statement size(FieldToMatch f, ComparisonOperator op, long size) {
    return Statement.builder().sizeConstraintStatement(s -> s.fieldToMatch(f).comparisonOperator(op).size(size)
        .textTransformations(tt())).build();
  }

  private static Statement regex(FieldToMatch f, String regex, TextTransformationType... types) {
    return Statement.builder().regexMatchStatement(r -> r.fieldToMatch(f).regexString(regex).textTransformations(tt(types))).build();
  }

  private static Statement xss(FieldToMatch f) {
    return Statement.builder().xssMatchStatement(x -> x.fieldToMatch(f).textTransformations(tt(URL, HTML))).build();
  }

  private static Statement sqli(FieldToMatch f) {
    return Statement.builder().sqliMatchStatement(x -> x.fieldToMatch(f).textTransformations(tt(URL, HTML))
        .sensitivityLevel(SensitivityLevel.LOW)).build();
  }

  private static Statement not(Statement s) {
    return Statement.builder().notStatement(n -> n.statement(s)).build();
  }
}
