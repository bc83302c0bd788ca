package dev.stratus.app.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.testing.MutableClock;
import dev.stratus.protocol.testing.ApiTestServer;
import dev.stratus.route53.Route53Module;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.HealthCheckConfig;
import software.amazon.awssdk.services.route53.model.HealthCheckRegion;
import software.amazon.awssdk.services.route53.model.HealthCheckType;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.TagResourceType;
import software.amazon.awssdk.services.route53.model.VPC;
import software.amazon.awssdk.services.route53.model.VPCRegion;

/**
 * Route 53's answers against the example responses of its API reference pages (the AWS CLI ships
 * example outputs for two Route 53 commands only): every example response committed under
 * {@code route53-api/} (one file per example, {@code <Operation>.<n>.xml}, its page in a comment,
 * listed in {@code route53-api/index.md}) is replayed: the test makes what the example names
 * through the AWS SDK in a fresh Stratus, makes the call, takes Stratus's raw XML and compares
 * element paths and constants with the example ({@link XmlShape}). A difference fails the test
 * unless a row of {@link KnownDifferences} ({@code route53-api <Operation> #<n>}) explains it; a
 * row nothing matches fails it too. Writes every finding to {@code target/route53-api-examples.txt}.
 */
class Route53ApiReferenceExamplesIT {
  static final String DIR = "/dev/stratus/app/fidelity/route53-api/";
  static final String PREFIX = "route53-api ";
  private static final Pattern SOURCE = Pattern.compile("<!-- source: (\\S+?),");
  private static final Set<String> ENUMS = Stream.of(ChangeStatus.class, RRType.class, HealthCheckType.class,
          TagResourceType.class, HealthCheckRegion.class, VPCRegion.class)
      .flatMap(c -> Stream.of(c.getEnumConstants())).map(Object::toString)
      .filter(s -> !s.equals("null")).collect(Collectors.toSet());
  /** Served operations the reference pages hold a usable example response for, over all it serves (40). */
  static final int SERVED = 40;

  /** One example: the operation, its number and what the test makes and calls for it. */
  record Example(String operation, int index, Scenario scenario) {
    String name() { return PREFIX + operation + " #" + index; }
    String file() { return DIR + operation + "." + index + ".xml"; }
  }

  /** Makes what the example names and makes the example's call; {@code ids} maps the example's ids to the test's. */
  interface Scenario {
    void run(Route53Client r53, MutableClock clock, Map<String, String> ids);
  }

  static final String ZONE = "/hostedzone/Z1PA6795UKMFR9";
  static final Duration PAST_PROPAGATION = Duration.ofSeconds(5);

  static final List<Example> EXAMPLES = List.of(
      new Example("AssociateVPCWithHostedZone", 1, (r53, clock, ids) -> {
        String zone = privateZone(r53, "example.com", "ref-1");
        r53.associateVPCWithHostedZone(b -> b.hostedZoneId(zone).vpc(vpc("vpc-a1b2c3d4e5")));
      }),
      new Example("CreateHealthCheck", 1, (r53, clock, ids) -> r53.createHealthCheck(b -> b.callerReference("ref-1")
          .healthCheckConfig(HealthCheckConfig.builder().type(HealthCheckType.HTTPS_STR_MATCH).ipAddress("127.0.0.1")
              .port(443).fullyQualifiedDomainName("example.com").resourcePath("/docs/route-53-health-check.html")
              .searchString("ok").requestInterval(30).failureThreshold(3).measureLatency(true).inverted(false)
              .enableSNI(true).regions(HealthCheckRegion.US_WEST_1, HealthCheckRegion.US_EAST_1, HealthCheckRegion.EU_WEST_1)
              .build()))),
      new Example("CreateHostedZone", 1, (r53, clock, ids) -> {
        String set = r53.createReusableDelegationSet(b -> b.callerReference("2017-03-01T11:44:14.448Z")).delegationSet().id();
        ids.put("NZ8X2CISAMPLE", set);
        var zone = r53.createHostedZone(b -> b.name("example.com").callerReference("myUniqueIdentifier")
            .hostedZoneConfig(c -> c.comment("This is my first hosted zone.")).delegationSetId(set));
        ids.put(ZONE, "/hostedzone/" + zone.hostedZone().id());
      }),
      new Example("CreateHostedZone", 2, (r53, clock, ids) ->
          ids.put("/hostedzone/Z1D633PJN98FT9", "/hostedzone/" + privateZone(r53, "example.com", "myUniqueIdentifier"))),
      new Example("CreateReusableDelegationSet", 1, (r53, clock, ids) -> {
        String zone = zone(r53, "example.com", "ref-1");
        ids.put("/delegationset/N1PA6795SAMPLE", "/delegationset/" + r53.createReusableDelegationSet(b -> b
            .callerReference("2017-03-15T01:36:41.958Z").hostedZoneId(zone)).delegationSet().id());
      }),
      new Example("DeleteHostedZone", 1, (r53, clock, ids) -> {
        String zone = zone(r53, "example.com", "ref-1");
        r53.deleteHostedZone(b -> b.id(zone));
      }),
      new Example("GetChange", 1, (r53, clock, ids) -> {
        String zone = zone(r53, "example.com", "ref-1");
        String change = r53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(c -> c.changes(Change.builder()
            .action(ChangeAction.CREATE).resourceRecordSet(ResourceRecordSet.builder().name("www.example.com").type(RRType.A)
                .ttl(300L).resourceRecords(ResourceRecord.builder().value("192.0.2.1").build()).build()).build())))
            .changeInfo().id();
        String bare = change.substring(change.lastIndexOf('/') + 1);
        ids.put("C2682N5HXP0BZ4", bare);
        clock.advance(PAST_PROPAGATION);
        r53.getChange(b -> b.id(bare));
      }),
      new Example("GetHealthCheck", 1, (r53, clock, ids) -> {
        String id = healthCheck(r53, "example.com 192.0.2.17", HealthCheckRegion.AP_SOUTHEAST_1,
            HealthCheckRegion.AP_SOUTHEAST_2, HealthCheckRegion.AP_NORTHEAST_1);
        ids.put("abcdef11-2222-3333-4444-555555fedcba", id);
        r53.getHealthCheck(b -> b.healthCheckId(id));
      }),
      new Example("GetHealthCheckCount", 1, (r53, clock, ids) -> {
        healthCheck(r53, "ref-1");
        r53.getHealthCheckCount(b -> {});
      }),
      new Example("GetHealthCheckStatus", 1, (r53, clock, ids) -> {
        String id = healthCheck(r53, "ref-1");
        // the checkers report once their first probe ran (real time): wait for the first report
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (r53.getHealthCheckStatus(b -> b.healthCheckId(id)).healthCheckObservations().isEmpty()
            && System.nanoTime() < until) {
          sleep(200);
        }
        if (r53.getHealthCheckStatus(b -> b.healthCheckId(id)).healthCheckObservations().isEmpty()) {
          throw new IllegalStateException("no checker reported within 15 s");
        }
      }),
      new Example("GetHostedZone", 1, (r53, clock, ids) -> {
        String zone = zone(r53, "example.com", "2017-03-01T11:22:14Z");
        ids.put(ZONE, "/hostedzone/" + zone);
        r53.getHostedZone(b -> b.id(zone));
      }),
      new Example("GetHostedZone", 2, (r53, clock, ids) -> {
        String set = r53.createReusableDelegationSet(b -> b.callerReference("2017-03-01T11:22:14Z")).delegationSet().id();
        ids.put("NU241VPSAMPLE", set);  // the example shows the bare id
        String zone = r53.createHostedZone(b -> b.name("example.com").callerReference("2017-03-02T10:44:04Z")
            .hostedZoneConfig(c -> c.comment("This is my first hosted zone.")).delegationSetId(set)).hostedZone().id();
        ids.put(ZONE, "/hostedzone/" + zone);
        r53.getHostedZone(b -> b.id(zone));
      }),
      new Example("GetHostedZone", 3, (r53, clock, ids) -> {
        String zone = privateZone(r53, "example.com", "myUniqueIdentifier");
        ids.put(ZONE, "/hostedzone/" + zone);
        r53.getHostedZone(b -> b.id(zone));
      }),
      new Example("GetHostedZoneCount", 1, (r53, clock, ids) -> {
        zone(r53, "example.com", "ref-1");
        r53.getHostedZoneCount(b -> {});
      }),
      new Example("ListHealthChecks", 1, (r53, clock, ids) -> {
        healthCheck(r53, "example.com 192.0.2.17");
        healthCheck(r53, "example.com 192.0.2.18");
        r53.listHealthChecks(b -> b.maxItems("1"));
      }),
      new Example("ListHostedZones", 1, (r53, clock, ids) -> {
        zone(r53, "example.com", "MyUniqueIdentifier1");
        zone(r53, "example2.com", "MyUniqueIdentifier2");
        r53.listHostedZones(b -> b.maxItems("1"));
      }),
      new Example("ListHostedZonesByName", 1, (r53, clock, ids) -> {
        zone(r53, "example.com", "MyUniqueIdentifier1");
        zone(r53, "example2.com", "MyUniqueIdentifier2");
        r53.listHostedZonesByName(b -> b.maxItems("1"));
      }),
      new Example("ListResourceRecordSets", 1, (r53, clock, ids) -> {
        String zone = zone(r53, "example.com", "ref-1");
        r53.listResourceRecordSets(b -> b.hostedZoneId(zone).maxItems("1"));
      }),
      new Example("ListTagsForResource", 1, (r53, clock, ids) -> {
        String id = healthCheck(r53, "ref-1");
        ids.put("abcdef11-2222-3333-4444-555555fedcba", id);
        r53.changeTagsForResource(b -> b.resourceType(TagResourceType.HEALTHCHECK).resourceId(id)
            .addTags(t -> t.key("Owner").value("dbadmin"), t -> t.key("Cost Center").value("80432")));
        r53.listTagsForResource(b -> b.resourceType(TagResourceType.HEALTHCHECK).resourceId(id));
      }),
      new Example("DisassociateVPCFromHostedZone", 1, (r53, clock, ids) -> {
        String zone = privateZone(r53, "example.com", "ref-1");
        r53.associateVPCWithHostedZone(b -> b.hostedZoneId(zone).vpc(vpc("vpc-a1b2c3d4e5")));
        r53.disassociateVPCFromHostedZone(b -> b.hostedZoneId(zone).vpc(vpc("vpc-a1b2c3d4e5")));
      }),
      new Example("GetReusableDelegationSet", 1, (r53, clock, ids) -> {
        String set = r53.createReusableDelegationSet(b -> b.callerReference("2014-10-13T16:30:01Z")).delegationSet().id();
        ids.put("/delegationset/N1PA6795SAMPLE", "/delegationset/" + set);
        r53.getReusableDelegationSet(b -> b.id(set));
      }),
      new Example("ListGeoLocations", 1, (r53, clock, ids) ->
          r53.listGeoLocations(b -> b.startCountryCode("US").startSubdivisionCode("OR").maxItems("2"))),
      new Example("ListGeoLocations", 2, (r53, clock, ids) ->
          r53.listGeoLocations(b -> b.startCountryCode("US").startSubdivisionCode("RI").maxItems("2"))),
      new Example("ListReusableDelegationSets", 1, (r53, clock, ids) -> {
        for (String ref : List.of("2017-03-15T01:36:41.958Z", "2017-03-16T01:37:42.959Z", "2017-03-17T01:38:43.960Z")) {
          r53.createReusableDelegationSet(b -> b.callerReference(ref));
        }
        r53.listReusableDelegationSets(b -> b.maxItems("2"));
      }),
      new Example("TestDNSAnswer", 1, (r53, clock, ids) -> {
        String zone = zone(r53, "example.com", "ref-1");
        r53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(c -> c.changes(Change.builder()
            .action(ChangeAction.CREATE).resourceRecordSet(ResourceRecordSet.builder().name("www.example.com").type(RRType.A)
                .ttl(300L).resourceRecords(ResourceRecord.builder().value("198.51.100.222").build()).build()).build())));
        ids.put("198.51.100.222", "198.51.100.222");
        r53.testDNSAnswer(b -> b.hostedZoneId(zone).recordName("www.example.com").recordType(RRType.A)
            .resolverIP("192.0.2.44"));
      }),
      new Example("GetHealthCheckLastFailureReason", 1, (r53, clock, ids) -> {
        String id = healthCheck(r53, "ref-1");
        r53.getHealthCheckLastFailureReason(b -> b.healthCheckId(id));
      }),
      new Example("ListTagsForResources", 1, (r53, clock, ids) -> {
        String first = healthCheck(r53, "ref-1");
        String second = healthCheck(r53, "ref-2");
        ids.put("abcdef11-2222-3333-4444-555555fedcba", first);
        ids.put("aaaaaaaa-1234-5678-9012-bbbbbbcccccc", second);
        r53.changeTagsForResource(b -> b.resourceType(TagResourceType.HEALTHCHECK).resourceId(first)
            .addTags(t -> t.key("Owner").value("dbadmin")));
        r53.changeTagsForResource(b -> b.resourceType(TagResourceType.HEALTHCHECK).resourceId(second)
            .addTags(t -> t.key("Cost Center").value("80432")));
        r53.listTagsForResources(b -> b.resourceType(TagResourceType.HEALTHCHECK).resourceIds(first, second));
      }),
      new Example("ListHostedZonesByVPC", 1, (r53, clock, ids) -> {
        VPC vpc = VPC.builder().vpcId("vpc-a1b2c3d4e5").vpcRegion(VPCRegion.US_WEST_1).build();
        for (String name : List.of("example.com", "example.net")) {
          r53.createHostedZone(b -> b.name(name).callerReference("ref-" + name).vpc(vpc)
              .hostedZoneConfig(c -> c.privateZone(true)));
        }
        r53.listHostedZonesByVPC(b -> b.vpcId("vpc-a1b2c3d4e5").vpcRegion(VPCRegion.US_WEST_1).maxItems("10"));
      }),
      new Example("UpdateHealthCheck", 1, (r53, clock, ids) -> {
        String id = r53.createHealthCheck(b -> b.callerReference("ref-1").healthCheckConfig(HealthCheckConfig.builder()
            .type(HealthCheckType.HTTPS_STR_MATCH).ipAddress("127.0.0.1").port(443).fullyQualifiedDomainName("example.com")
            .resourcePath("/").searchString("ok").build())).healthCheck().id();
        r53.updateHealthCheck(b -> b.healthCheckId(id).healthCheckVersion(1L).enableSNI(true).failureThreshold(3)
            .inverted(false).resourcePath("/docs/route-53-health-check.html").searchString("ok"));
      }),
      new Example("UpdateHealthCheck", 2, (r53, clock, ids) -> {
        String child = healthCheck(r53, "ref-1");
        String id = r53.createHealthCheck(b -> b.callerReference("ref-2").healthCheckConfig(HealthCheckConfig.builder()
            .type(HealthCheckType.CALCULATED).childHealthChecks(child).healthThreshold(1).build())).healthCheck().id();
        r53.updateHealthCheck(b -> b.healthCheckId(id).healthCheckVersion(1L).childHealthChecks(child).healthThreshold(1)
            .inverted(false));
      }),
      new Example("ChangeTagsForResource", 1, (r53, clock, ids) -> {
        String id = healthCheck(r53, "ref-1");
        r53.changeTagsForResource(b -> b.resourceType(TagResourceType.HEALTHCHECK).resourceId(id)
            .addTags(t -> t.key("Owner").value("dbadmin")));
        r53.changeTagsForResource(b -> b.resourceType(TagResourceType.HEALTHCHECK).resourceId(id)
            .removeTagKeys("Owner").addTags(t -> t.key("Cost Center").value("80432")));
      }),
      new Example("CreateCidrCollection", 1, (r53, clock, ids) -> {
        var c = r53.createCidrCollection(b -> b.name("isp-city-cidrs").callerReference("ref1")).collection();
        ids.put("c8c02a84-aaaa-bbbb-e0d2-d833a2f80106", c.id());
        ids.put("arn:aws:route53:::cidrcollection/c8c02a84-aaaa-bbbb-e0d2-d833a2f80106", c.arn());
      }),
      new Example("DeleteHealthCheck", 1, (r53, clock, ids) -> {
        String id = healthCheck(r53, "ref-1");
        r53.deleteHealthCheck(b -> b.healthCheckId(id));
      }),
      new Example("ChangeCidrCollection", 1, (r53, clock, ids) -> {
        String id = r53.createCidrCollection(b -> b.name("isp-city-cidrs").callerReference("ref1")).collection().id();
        r53.changeCidrCollection(b -> b.id(id).collectionVersion(1L).changes(
            c -> c.action("PUT").locationName("location-1").cidrList("1.1.1.0/24", "1.1.2.0/24"),
            c -> c.action("DELETE_IF_EXISTS").locationName("location-2").cidrList("2.1.1.0/24", "2.1.2.0/24")));
      }),
      new Example("DeleteCidrCollection", 1, (r53, clock, ids) -> {
        String id = r53.createCidrCollection(b -> b.name("isp-city-cidrs").callerReference("ref1")).collection().id();
        r53.deleteCidrCollection(b -> b.id(id));
      }),
      new Example("ListCidrBlocks", 1, (r53, clock, ids) -> {
        String id = cidrCollection(r53);
        r53.listCidrBlocks(b -> b.collectionId(id).locationName("location-1").maxResults("1"));
      }),
      new Example("ListCidrCollections", 1, (r53, clock, ids) -> {
        cidrCollection(r53);
        r53.listCidrCollections(b -> b.maxResults("1"));
      }),
      new Example("ListCidrLocations", 1, (r53, clock, ids) -> {
        String id = cidrCollection(r53);
        r53.listCidrLocations(b -> b.collectionId(id).maxResults("1"));
      }),
      new Example("DeleteReusableDelegationSet", 1, (r53, clock, ids) -> {
        String set = r53.createReusableDelegationSet(b -> b.callerReference("ref-1")).delegationSet().id();
        r53.deleteReusableDelegationSet(b -> b.id(set));
      }),
      new Example("GetGeoLocation", 1, (r53, clock, ids) -> r53.getGeoLocation(b -> b.countryCode("FR"))),
      new Example("UpdateHostedZoneComment", 1, (r53, clock, ids) -> {
        String zone = zone(r53, "example.com", "2014-10-15T01:36:41.958Z");
        ids.put("/hostedzone/Z1D633PJN98FT9", "/hostedzone/" + zone);
        r53.updateHostedZoneComment(b -> b.id(zone).comment("for internal testing"));
      }));

  static String zone(Route53Client r53, String name, String reference) {
    return r53.createHostedZone(b -> b.name(name).callerReference(reference)
        .hostedZoneConfig(c -> c.comment("This is my first hosted zone."))).hostedZone().id();
  }

  static String privateZone(Route53Client r53, String name, String reference) {
    return r53.createHostedZone(b -> b.name(name).callerReference(reference).vpc(vpc("vpc-1a2b3c4d"))
        .hostedZoneConfig(c -> c.comment("This is my first hosted zone.").privateZone(true))).hostedZone().id();
  }

  /** The examples' collection: location-1 with two blocks, location-2 with one. */
  static String cidrCollection(Route53Client r53) {
    String id = r53.createCidrCollection(b -> b.name("isp-city-cidrs").callerReference("ref1")).collection().id();
    r53.changeCidrCollection(b -> b.id(id).collectionVersion(1L).changes(
        c -> c.action("PUT").locationName("location-1").cidrList("1.1.1.0/24", "1.1.2.0/24"),
        c -> c.action("PUT").locationName("location-2").cidrList("2.1.1.0/24")));
    return id;
  }

  static VPC vpc(String id) { return VPC.builder().vpcId(id).vpcRegion(VPCRegion.US_EAST_2).build(); }

  /**
   * The examples' HTTP check, of 127.0.0.1 rather than their 192.0.2.17: AWS refuses checks of the
   * RFC 5735 special-use ranges (192.0.2.0/24 among them), as Stratus does, which lets loopback through.
   */
  static String healthCheck(Route53Client r53, String reference, HealthCheckRegion... regions) {
    var config = HealthCheckConfig.builder().type(HealthCheckType.HTTP).ipAddress("127.0.0.1").port(80)
        .resourcePath("/docs/route-53-health-check.html").fullyQualifiedDomainName("example.com").requestInterval(30)
        .failureThreshold(3).measureLatency(true).enableSNI(true).inverted(false);
    if (regions.length > 0) config.regions(regions);
    return r53.createHealthCheck(b -> b.callerReference(reference).healthCheckConfig(config.build())).healthCheck().id();
  }

  @Test
  void apiReferenceExampleResponses_sameElementsAndConstants() throws Exception {
    KnownDifferences known = new KnownDifferences();
    StringBuilder report = new StringBuilder();
    List<String> unexplained = new ArrayList<>();
    Set<String> checked = new TreeSet<>();
    for (Example ex : EXAMPLES) {
      String text = resource(ex.file());
      Matcher source = SOURCE.matcher(text);
      assertThat(source.find()).as(ex.file() + " names its source page").isTrue();
      List<OutputShape.Difference> diffs = new ArrayList<>();
      if (compare(ex, text, diffs)) checked.add(ex.operation());
      for (var d : diffs) {
        boolean ok = known.explains(ex.name(), d.path(), d.kind());
        String line = (ok ? "known      " : "UNEXPLAINED") + " | " + ex.name() + " | " + d.path() + " | " + d.kind()
            + " | " + d.detail();
        report.append(line).append('\n');
        if (!ok) {
          unexplained.add(line);
          report.append("  row: | `%s` | `%s` | %s | TODO | %s |%n".formatted(ex.name(), d.path(), d.kind(), source.group(1)));
        }
      }
    }
    String line = "Route 53 API reference examples: %d/%d operations with an example response checked (%d examples)"
        .formatted(checked.size(), SERVED, EXAMPLES.size());
    System.out.println(line);
    System.out.print(report);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/route53-api-examples.txt"), line + "\n" + report, StandardCharsets.UTF_8);
    assertThat(unexplained).as("differences from the Route 53 API reference's examples not in " + KnownDifferences.FILE)
        .isEmpty();
    assertThat(known.unused().stream().filter(r -> r.example().startsWith(PREFIX)))
        .as("rows of " + KnownDifferences.FILE + " that no difference needs").isEmpty();
    assertThat(checked).as("operations compared").hasSizeGreaterThan(10);
  }

  /** Runs one example in a fresh Stratus; returns whether Stratus's answer was compared. */
  private static boolean compare(Example ex, String exampleText, List<OutputShape.Difference> diffs) {
    XmlShape expected;
    try {
      expected = new XmlShape(exampleText);
    } catch (IllegalArgumentException e) {
      diffs.add(new OutputShape.Difference("*", "broken", e.getMessage().lines().findFirst().orElse("")));
      expected = null;
    }
    var clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    AtomicReference<String> raw = new AtomicReference<>();
    Map<String, String> ids = new HashMap<>();
    try (ApiTestServer server = ApiTestServer.start(clock, new Route53Module());
        Route53Client r53 = server.client(Route53Client.builder()
            .overrideConfiguration(o -> o.addExecutionInterceptor(new RawBody(raw))))) {
      ex.scenario().run(r53, clock, ids);
    } catch (RuntimeException e) {
      diffs.add(new OutputShape.Difference("*", "error", String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
      return false;
    }
    if (expected == null) return false;
    if (raw.get() == null || raw.get().isBlank()) {
      diffs.add(new OutputShape.Difference("*", "missing", "Stratus answers no body"));
      return false;
    }
    XmlShape actual = new XmlShape(raw.get());
    diffs.addAll(expected.differences(actual, v -> v.equals("true") || v.equals("false") || ENUMS.contains(v), ids));
    diffs.addAll(expected.extras(actual));
    return true;
  }

  /** Keeps the raw body of the last response, before the SDK parses it. */
  private record RawBody(AtomicReference<String> last) implements ExecutionInterceptor {
    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      last.set("");  // a response without a body leaves it empty
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
        ExecutionAttributes attributes) {
      Optional<InputStream> body = context.responseBody();
      if (body.isEmpty()) return body;
      try (InputStream in = body.get()) {
        byte[] bytes = in.readAllBytes();
        last.set(new String(bytes, StandardCharsets.UTF_8));
        return Optional.of(new ByteArrayInputStream(bytes));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = Route53ApiReferenceExamplesIT.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

}
