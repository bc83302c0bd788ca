package dev.stratus.apigateway.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.stratus.apigateway.ApiGatewayModule;
import dev.stratus.ec2.Ec2Module;
import dev.stratus.protocol.testing.ApiTestServer;
import dev.stratus.route53.Route53Module;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;

/**
 * The names AWS gives an execute-api interface VPC endpoint of a private API, answered by
 * Stratus's real DNS listener (dnsjava): the per-API alias {@code {api-id}-{vpce-id}.execute-api…}
 * for each endpoint the API names in vpcEndpointIds, and the endpoint's own names from EC2; both
 * resolve to the endpoint's address, whose listener serves the private API as coming through that
 * endpoint, over HTTP and over HTTPS with a certificate from the Stratus CA that verifies for those
 * names (as {@code curl --cacert ca.pem https://{alias}/…}). A disabled default endpoint answers 403
 * there too. Removing the endpoint from the API removes its alias.
 */
class PrivateEndpointDnsIT {
  static ApiTestServer server;
  static ApiGatewayModule module;
  static AutoCloseable dnsResources;
  static int dnsPort;
  static ApiGatewayClient apigw;
  static Ec2Client ec2;
  static HttpServer backend;

  @BeforeAll
  static void start() throws Exception {
    module = new ApiGatewayModule(0);
    // ACM: the Stratus CA that the endpoints' HTTPS listeners serve a certificate from.
    server = ApiTestServer.start(Clock.systemUTC(), new dev.stratus.acm.AcmModule(), new Ec2Module(), new Route53Module(), module);
    // A second Route 53 data plane over the same context, to learn its DNS port (the harness keeps endpoints to itself).
    var started = new Route53Module().start(server.context());
    dnsPort = started.endpoints().get(0).port();
    dnsResources = () -> { for (var r : started.resources()) r.close(); };
    // Apache: UpdateRestApi is a PATCH request, which the URL-connection client cannot send.
    apigw = server.client(ApiGatewayClient.builder(), ApacheHttpClient.create());
    ec2 = server.client(Ec2Client.builder());
    backend = Backend.answering(exchange -> "vpce=" + exchange.getRequestHeaders().getFirst("x-amzn-vpce-id"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (dnsResources != null) dnsResources.close();
    if (server != null) server.close();
    if (backend != null) backend.stop(0);
  }

  static List<String> ask(String name) throws Exception {
    var resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
    resolver.setPort(dnsPort);
    resolver.setTimeout(Duration.ofSeconds(3));
    Message answer = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, 1)));
    return answer.getSection(Section.ANSWER).stream().map(Record::rdataToString).sorted().toList();
  }

  /**
   * GET over TLS to {@code at} for {@code host} (SNI and the name checked against the certificate),
   * trusting only the Stratus CA: status line and body.
   */
  static String httpsGet(InetSocketAddress at, String host, String target, Map<String, String> headers) throws Exception {
    var trust = java.security.KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("stratus",
        server.context().extensions().find(dev.stratus.net.tls.StratusCa.class).orElseThrow().certificate());
    var tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    var context = javax.net.ssl.SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    var plain = new java.net.Socket();
    plain.connect(at, 5000);
    try (var socket = (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket(plain, host, at.getPort(), true)) {
      var params = socket.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      params.setServerNames(List.of(new javax.net.ssl.SNIHostName(host)));
      socket.setSSLParameters(params);
      socket.setSoTimeout(10_000);
      StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n");
      headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
      socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return answer.substring(0, answer.indexOf("\r\n")) + " " + answer.substring(answer.indexOf("\r\n\r\n") + 4);
    }
  }

  @Test
  void aliasAndEndpointNames_resolveToTheAddressServingThePrivateApi() throws Exception {
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
    var endpoint = ec2.createVpcEndpoint(r -> r.vpcId(vpc).vpcEndpointType(VpcEndpointType.INTERFACE)
        .serviceName("com.amazonaws.us-east-1.execute-api").subnetIds(subnet).privateDnsEnabled(false)).vpcEndpoint();
    String vpce = endpoint.vpcEndpointId();
    List<String> endpointNames = endpoint.dnsEntries().stream().map(e -> e.dnsName()).toList();
    assertThat(endpointNames).isNotEmpty().allMatch(n -> n.startsWith(vpce) && n.endsWith(".execute-api.us-east-1.vpce.amazonaws.com"));

    String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
        + "\"Action\":\"execute-api:Invoke\",\"Resource\":\"execute-api:/*\","
        + "\"Condition\":{\"StringEquals\":{\"aws:SourceVpce\":\"" + vpce + "\"}}}]}";
    var api = apigw.createRestApi(r -> r.name("private").policy(policy)
        .endpointConfiguration(e -> e.types(EndpointType.PRIVATE).vpcEndpointIds(vpce)));
    assertThat(api.endpointConfiguration().vpcEndpointIds()).containsExactly(vpce);
    String x = apigw.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("x")).id();
    apigw.putMethod(r -> r.restApiId(api.id()).resourceId(x).httpMethod("GET").authorizationType("NONE"));
    apigw.putIntegration(r -> r.restApiId(api.id()).resourceId(x).httpMethod("GET").type(IntegrationType.HTTP_PROXY)
        .integrationHttpMethod("GET").uri("http://127.0.0.1:" + backend.getAddress().getPort() + "/x"));
    apigw.createDeployment(r -> r.restApiId(api.id()).stageName("prod"));
    module.dataPlane().awaitCurrent();
    InetSocketAddress at = module.dataPlane().vpcEndpointListener(vpce).orElseThrow();
    String address = at.getAddress().getHostAddress();

    String alias = api.id() + "-" + vpce + ".execute-api.us-east-1.amazonaws.com";
    assertThat(ask(alias)).containsExactly(address);
    for (String name : endpointNames) assertThat(ask(name)).as(name).containsExactly(address);
    // The endpoint's address is its own, not the API's.
    assertThat(address).isNotEqualTo(module.dataPlane().listener(api.id()).orElseThrow().getAddress().getHostAddress());

    // What those names reach: the private API, as through this endpoint.
    var viaAlias = Http.send(at, alias, "GET", "/prod/x", Map.of(), null);
    assertThat(viaAlias.status()).isEqualTo(200);
    assertThat(viaAlias.body()).isEqualTo("vpce=" + vpce);
    var viaName = Http.send(at, endpointNames.getFirst(), "GET", "/prod/x", Map.of("x-apigw-api-id", api.id()), null);
    assertThat(viaName.status()).isEqualTo(200);
    assertThat(viaName.body()).isEqualTo("vpce=" + vpce);
    assertThat(Http.send(at, endpointNames.getFirst(), "GET", "/prod/x", Map.of(), null).status())
        .as("no API named").isEqualTo(403);

    // HTTPS on the same address, as AWS serves it: the Stratus CA's certificate verifies for the alias and the endpoint's names.
    InetSocketAddress tls = module.dataPlane().vpcEndpointTlsListener(vpce).orElseThrow();
    assertThat(tls.getAddress()).isEqualTo(at.getAddress());
    assertThat(httpsGet(tls, alias, "/prod/x", Map.of())).isEqualTo("HTTP/1.1 200 OK vpce=" + vpce);
    assertThat(httpsGet(tls, endpointNames.getFirst(), "/prod/x", Map.of("x-apigw-api-id", api.id())))
        .isEqualTo("HTTP/1.1 200 OK vpce=" + vpce);
    assertThatThrownBy(() -> httpsGet(tls, "other.example.com", "/prod/x", Map.of()))
        .as("a name the certificate does not cover").isInstanceOf(javax.net.ssl.SSLHandshakeException.class);

    // The default endpoint disabled (applied by a stage change): 403 through the endpoint too.
    apigw.updateRestApi(r -> r.restApiId(api.id())
        .patchOperations(p -> p.op("replace").path("/disableExecuteApiEndpoint").value("true")));
    apigw.updateStage(r -> r.restApiId(api.id()).stageName("prod")
        .patchOperations(p -> p.op("replace").path("/description").value("off")));
    module.dataPlane().awaitCurrent();
    assertThat(Http.send(at, alias, "GET", "/prod/x", Map.of(), null).status()).isEqualTo(403);
    assertThat(httpsGet(tls, alias, "/prod/x", Map.of())).isEqualTo("HTTP/1.1 403 Forbidden {\"message\":\"Forbidden\"}");
    assertThat(Http.send(at, endpointNames.getFirst(), "GET", "/prod/x", Map.of("x-apigw-api-id", api.id()), null).status())
        .isEqualTo(403);

    // The endpoint leaves the API: its alias and names go.
    apigw.updateRestApi(r -> r.restApiId(api.id())
        .patchOperations(p -> p.op("remove").path("/endpointConfiguration/vpcEndpointIds").value(vpce)));
    assertThat(apigw.getRestApi(r -> r.restApiId(api.id())).endpointConfiguration().vpcEndpointIds()).isEmpty();
    module.dataPlane().awaitCurrent();
    assertThat(module.dataPlane().vpcEndpointListener(vpce)).isEmpty();
    assertThat(ask(alias)).isEmpty();
    assertThat(ask(endpointNames.getFirst())).isEmpty();
  }
}
