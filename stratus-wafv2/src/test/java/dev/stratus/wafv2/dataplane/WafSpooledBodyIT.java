package dev.stratus.wafv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.core.http.HttpFilterRegistry;
import dev.stratus.ec2.Ec2Module;
import dev.stratus.elbv2.Elbv2Module;
import dev.stratus.net.http.HttpFrontEnd;
import dev.stratus.net.http.StreamingHttpService;
import dev.stratus.net.http.VirtualHosts;
import dev.stratus.net.transport.Transport;
import dev.stratus.protocol.testing.ApiTestServer;
import dev.stratus.s3.S3Module;
import dev.stratus.wafv2.Wafv2Module;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.AllowAction;
import software.amazon.awssdk.services.wafv2.model.BlockAction;
import software.amazon.awssdk.services.wafv2.model.Body;
import software.amazon.awssdk.services.wafv2.model.FieldToMatch;
import software.amazon.awssdk.services.wafv2.model.OversizeHandling;
import software.amazon.awssdk.services.wafv2.model.PositionalConstraint;
import software.amazon.awssdk.services.wafv2.model.Rule;
import software.amazon.awssdk.services.wafv2.model.Scope;
import software.amazon.awssdk.services.wafv2.model.SingleHeader;
import software.amazon.awssdk.services.wafv2.model.Statement;
import software.amazon.awssdk.services.wafv2.model.TextTransformation;
import software.amazon.awssdk.services.wafv2.model.TextTransformationType;
import software.amazon.awssdk.services.wafv2.model.VisibilityConfig;

/**
 * WAF over request bodies the front end spools to a file: real S3 PutObject uploads of 1 MiB
 * (S3 spools every PutObject body) through the data planes' own front end ({@link HttpFrontEnd})
 * guarded by the web ACL of a real ALB, with the real WAF module's filter. WAF gets the body's
 * first bytes read from the file and its full length: a string in the first 8 KB (the ALB's
 * inspection limit) blocks, one beyond passes (OversizeHandling CONTINUE), and OversizeHandling
 * MATCH matches every body over 8 KB.
 *
 * <p>Why this composition: S3 spools only on the API port, where AWS associates no web ACL (WAF
 * cannot protect S3); the data planes WAF protects (ALB, CloudFront, API Gateway) aggregate their
 * bodies today. A data plane whose service streams its uploads goes through exactly this front
 * end and filter chain.
 */
class WafSpooledBodyIT {
  static final int MIB = 1024 * 1024;
  static ApiTestServer server;
  static final Wafv2Module wafModule = new Wafv2Module();
  static HttpFrontEnd front;
  static S3Client viaApi;
  static S3Client viaFront;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(Clock.systemUTC(), new Ec2Module(), new Elbv2Module(d -> Duration.ofMillis(200)), wafModule,
        new S3Module());
    var ec2 = server.client(Ec2Client.builder());
    var elb = server.client(ElasticLoadBalancingV2Client.builder());
    var waf = server.client(Wafv2Client.builder());
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    String a = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
    String b = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.2.0/24").availabilityZone("us-east-1b")).subnet().subnetId();
    String albArn = elb.createLoadBalancer(r -> r.name("uploads").scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(a, b))
        .loadBalancers().get(0).loadBalancerArn();

    Rule marker = Rule.builder().name("marker").priority(0).action(x -> x.block(BlockAction.builder().build()))
        .statement(bodyContains("EVIL-MARKER", OversizeHandling.CONTINUE)).visibilityConfig(vis("marker")).build();
    Statement strictHeader = Statement.builder().byteMatchStatement(m -> m.searchString(SdkBytes.fromUtf8String("yes"))
        .fieldToMatch(FieldToMatch.builder().singleHeader(SingleHeader.builder().name("x-strict").build()).build())
        .positionalConstraint(PositionalConstraint.EXACTLY).textTransformations(none())).build();
    Rule strict = Rule.builder().name("strict").priority(1).action(x -> x.block(BlockAction.builder().build()))
        .statement(s -> s.andStatement(and -> and.statements(strictHeader, bodyContains("NEVER-THERE", OversizeHandling.MATCH))))
        .visibilityConfig(vis("strict")).build();
    String acl = waf.createWebACL(r -> r.name("uploads-waf").scope(Scope.REGIONAL)
        .defaultAction(d -> d.allow(AllowAction.builder().build())).rules(marker, strict).visibilityConfig(vis("uploads-waf")))
        .summary().arn();
    waf.associateWebACL(r -> r.webACLArn(acl).resourceArn(albArn));
    wafModule.dataPlane().awaitCurrent();

    viaApi = s3(server.endpoint());
    viaApi.createBucket(r -> r.bucket("uploads"));
    // S3's own service, the one the API port spools PutObject bodies for.
    var extensions = server.context().extensions();
    var head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, "/uploads/probe");
    head.headers().set("Host", "127.0.0.1");
    var s3Service = (StreamingHttpService) extensions.find(VirtualHosts.class).orElseThrow().find(head).orElseThrow();
    front = HttpFrontEnd.bind(Transport.shared(), new InetSocketAddress("127.0.0.1", 0),
        HttpFrontEnd.Config.of("S3 behind an ALB's web ACL", albArn, extensions.find(HttpFilterRegistry.class).orElseThrow(),
            s3Service));
    viaFront = s3(URI.create("http://127.0.0.1:" + front.address().getPort()));
  }

  @AfterAll
  static void stop() {
    if (front != null) front.close();
    if (server != null) server.close();
  }

  static S3Client s3(URI endpoint) {
    return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ApiTestServer.ACCESS_KEY, "secret")))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  static Statement bodyContains(String text, OversizeHandling oversize) {
    return Statement.builder().byteMatchStatement(m -> m.searchString(SdkBytes.fromUtf8String(text))
        .fieldToMatch(FieldToMatch.builder().body(Body.builder().oversizeHandling(oversize).build()).build())
        .positionalConstraint(PositionalConstraint.CONTAINS).textTransformations(none())).build();
  }

  static TextTransformation none() { return TextTransformation.builder().priority(0).type(TextTransformationType.NONE).build(); }

  static VisibilityConfig vis(String metric) {
    return VisibilityConfig.builder().sampledRequestsEnabled(true).cloudWatchMetricsEnabled(true).metricName(metric).build();
  }

  /** {@code size} bytes of filler with {@code marker} at {@code offset} (none when null). */
  static byte[] body(int size, String marker, int offset) {
    byte[] out = new byte[size];
    Arrays.fill(out, (byte) 'a');
    if (marker != null) {
      byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(m, 0, out, offset, m.length);
    }
    return out;
  }

  static void put(String key, byte[] body, boolean strict) {
    viaFront.putObject(r -> {
      r.bucket("uploads").key(key);
      if (strict) r.overrideConfiguration(o -> o.putHeader("x-strict", "yes"));
    }, RequestBody.fromBytes(body));
  }

  static long storedLength(String key) {
    return viaApi.headObject(r -> r.bucket("uploads").key(key)).contentLength();
  }

  @Test
  void aStringInTheFirstKbOfALargeSpooledUpload_isBlocked() {
    assertThatThrownBy(() -> put("first-kb", body(MIB, "EVIL-MARKER", 100), false))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    assertThatThrownBy(() -> storedLength("first-kb")).isInstanceOf(NoSuchKeyException.class);
  }

  @Test
  void onlyTheAlbsFirst8KbAreInspected_continueLetsTheRestThrough() {
    // 6 KB in: inspected (the spooled file's first bytes also hold the aws-chunked framing, < 200 bytes).
    assertThatThrownBy(() -> put("at-6k", body(MIB, "EVIL-MARKER", 6 * 1024), false))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    // 10 KB and 512 KB in: past what WAF inspects on an ALB; OversizeHandling CONTINUE lets them pass.
    put("at-10k", body(MIB, "EVIL-MARKER", 10 * 1024), false);
    put("at-512k", body(MIB, "EVIL-MARKER", 512 * 1024), false);
    assertThat(storedLength("at-10k")).isEqualTo(MIB);
    assertThat(storedLength("at-512k")).isEqualTo(MIB);
  }

  @Test
  void oversizeHandlingMatch_matchesABodyOverTheLimit_notASmallOne() {
    assertThatThrownBy(() -> put("strict-large", body(MIB, null, 0), true))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    put("strict-small", body(4 * 1024, null, 0), true);
    assertThat(storedLength("strict-small")).isEqualTo(4 * 1024);
  }
}
