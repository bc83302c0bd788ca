package dev.stratus.apigateway.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.stratus.apigateway.ApiGatewayModule;
import dev.stratus.core.acm.Certificates;
import dev.stratus.core.acm.ServingCertificate;
import dev.stratus.core.dns.DnsTargetRegistry;
import dev.stratus.core.testing.ManualTime;
import dev.stratus.protocol.testing.ApiTestServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * Custom domain names: CreateDomainName's certificate checks through core acm.Certificates (AWS's
 * errors), base path mappings (v1) and API mappings (v2), and traffic by Host header on the
 * domain's own address and on the API port, with and without a base path.
 */
class CustomDomainIT {
  static final String ACCOUNT = "000000000000";
  static final String CERT = "arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/wild";
  static final String PENDING = "arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/pending";
  static final String WEST = "arn:aws:acm:us-west-2:" + ACCOUNT + ":certificate/west";
  static final String SWAP = "arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/swap";
  static final String MOVE = "arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/move";
  static ApiTestServer server;
  static ApiGatewayModule module;
  static ApiGatewayClient apigw;
  static ApiGatewayV2Client v2;
  static HttpServer backend;

  static ServingCertificate cert(String arn, String status, String... names) {
    return new ServingCertificate(arn, status, List.of(names), "-----BEGIN CERTIFICATE-----", "-----BEGIN PRIVATE KEY-----",
        Instant.parse("2027-12-07T00:00:00Z"));
  }

  @BeforeAll
  static void start() throws Exception {
    module = new ApiGatewayModule(0);
    server = ApiTestServer.start(new ManualTime(Instant.parse("2026-12-07T10:00:00Z")).clock(), module);
    // A real certificate for CERT (from the Stratus CA), so the domain's HTTPS listener can serve it.
    var ca = dev.stratus.net.tls.StratusCa.generate(java.time.Clock.systemUTC());
    var real = dev.stratus.net.tls.TlsContexts.stratusNames(ca, List.of("example.com", "*.example.com"), java.time.Clock.systemUTC());
    var swap = dev.stratus.net.tls.TlsContexts.stratusNames(ca, List.of("swap.example.com"), java.time.Clock.systemUTC());
    var move = dev.stratus.net.tls.TlsContexts.stratusNames(ca, List.of("move.example.com"), java.time.Clock.systemUTC());
    Map<String, ServingCertificate> certs = Map.of(CERT, new ServingCertificate(CERT, "ISSUED", real.domainNames(),
            real.certificateChainPem(), real.privateKeyPem(), real.notAfter()),
        MOVE, new ServingCertificate(MOVE, "ISSUED", move.domainNames(), move.certificateChainPem(), move.privateKeyPem(),
            move.notAfter()),
        SWAP, new ServingCertificate(SWAP, "ISSUED", swap.domainNames(), swap.certificateChainPem(), swap.privateKeyPem(),
            swap.notAfter()),
        PENDING, cert(PENDING, "PENDING_VALIDATION", "*.example.com"), WEST, cert(WEST, "ISSUED", "*.example.com"));
    server.context().extensions().provide(Certificates.class, arn -> Optional.ofNullable(certs.get(arn)));
    // Apache: UpdateDomainName and the other updates are PATCH requests, which the URL-connection client cannot send.
    apigw = server.client(ApiGatewayClient.builder(), ApacheHttpClient.create());
    v2 = server.client(ApiGatewayV2Client.builder(), ApacheHttpClient.create());
    backend = Backend.answering(exchange -> "backend " + exchange.getRequestURI());
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
    if (backend != null) backend.stop(0);
  }

  /** A REGIONAL REST API with a MOCK GET /pets, deployed to prod. */
  static String restApi() {
    var api = apigw.createRestApi(r -> r.name("domain").endpointConfiguration(e -> e.types(EndpointType.REGIONAL)));
    String pets = apigw.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("pets")).id();
    apigw.putMethod(r -> r.restApiId(api.id()).resourceId(pets).httpMethod("GET").authorizationType("NONE"));
    apigw.putIntegration(r -> r.restApiId(api.id()).resourceId(pets).httpMethod("GET").type(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    apigw.putMethodResponse(r -> r.restApiId(api.id()).resourceId(pets).httpMethod("GET").statusCode("200"));
    apigw.putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(pets).httpMethod("GET").statusCode("200")
        .responseTemplates(Map.of("application/json", "{\"pets\": \"$context.stage\"}")));
    apigw.createDeployment(r -> r.restApiId(api.id()).stageName("prod"));
    return api.id();
  }

  static Http.Response get(String domain, String target) {
    module.dataPlane().awaitCurrent();
    return Http.get(module.dataPlane().domainListener(domain).orElseThrow(), domain, target);
  }

  /** A GET over TLS with SNI {@code host}, trusting any certificate; the answer with the served certificate's names. */
  static String httpsGet(InetSocketAddress to, String host, String target) {
    try {
      var context = javax.net.ssl.SSLContext.getInstance("TLS");
      context.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
        public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) { }
        public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) { }
        public java.security.cert.X509Certificate[] getAcceptedIssuers() { return new java.security.cert.X509Certificate[0]; }
      }}, null);
      try (var socket = (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket(to.getAddress(), to.getPort())) {
        var params = socket.getSSLParameters();
        params.setServerNames(List.of(new javax.net.ssl.SNIHostName(host)));
        socket.setSSLParameters(params);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
        String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        var served = (java.security.cert.X509Certificate) socket.getSession().getPeerCertificates()[0];
        String names = served.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList().toString();
        return answer.replaceFirst("\r\n", " served-cn=" + (names.contains("*.example.com") ? "*.example.com" : names) + "\r\n");
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void certificatesAreCheckedAsAwsDoes() {
    assertThatThrownBy(() -> apigw.createDomainName(r -> r.domainName("a.example.com")
        .endpointConfiguration(e -> e.types(EndpointType.REGIONAL))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("A certificate was not provided for the endpoint type REGIONAL.");
    assertThatThrownBy(() -> apigw.createDomainName(r -> r.domainName("a.example.com").certificateArn(WEST)))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("Invalid certificate ARN: " + WEST + ". Certificate must be in 'us-east-1'.");
    assertThatThrownBy(() -> apigw.createDomainName(r -> r.domainName("a.example.com").regionalCertificateArn(WEST)
        .endpointConfiguration(e -> e.types(EndpointType.REGIONAL))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("Certificate must be in 'us-east-1'.");
    assertThatThrownBy(() -> apigw.createDomainName(r -> r.domainName("a.example.com").regionalCertificateArn(PENDING)
        .endpointConfiguration(e -> e.types(EndpointType.REGIONAL))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("PENDING_VALIDATION");
    assertThatThrownBy(() -> apigw.createDomainName(r -> r.domainName("a.example.com")
        .regionalCertificateArn("arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/none")
        .endpointConfiguration(e -> e.types(EndpointType.REGIONAL))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("Invalid certificate ARN");
    assertThatThrownBy(() -> apigw.createDomainName(r -> r.domainName("a.b.example.com").regionalCertificateArn(CERT)
        .endpointConfiguration(e -> e.types(EndpointType.REGIONAL))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("does not cover");

    var edge = apigw.createDomainName(r -> r.domainName("edge.example.com").certificateArn(CERT));
    assertThat(edge.distributionDomainName()).endsWith(".cloudfront.net");
    assertThat(edge.distributionHostedZoneId()).isEqualTo("Z2FDTNDATAQYW2");
    assertThat(edge.endpointConfiguration().typesAsStrings()).containsExactly("EDGE");
    assertThatThrownBy(() -> apigw.createDomainName(r -> r.domainName("edge.example.com").certificateArn(CERT)))
        .isInstanceOf(ConflictException.class);
    // v2 manages REGIONAL domain names only (AWS's refusal names v1 for EDGE ones).
    assertThatThrownBy(() -> v2.getDomainName(r -> r.domainName("edge.example.com")))
        .isInstanceOf(software.amazon.awssdk.services.apigatewayv2.model.BadRequestException.class)
        .hasMessageContaining("Only REGIONAL domain names can be managed through the API Gateway V2 API.");
    assertThatThrownBy(() -> v2.createDomainName(r -> r.domainName("edge2.example.com")
        .domainNameConfigurations(c -> c.endpointType("EDGE").certificateArn(CERT))))
        .isInstanceOf(software.amazon.awssdk.services.apigatewayv2.model.BadRequestException.class)
        .hasMessageContaining("For EDGE domain names, please use the API Gateway V1 API.");
    assertThat(v2.getDomainNames(r -> { }).items()).noneMatch(i -> i.domainName().equals("edge.example.com"));
    apigw.deleteDomainName(r -> r.domainName("edge.example.com"));
    assertThatThrownBy(() -> apigw.getDomainName(r -> r.domainName("edge.example.com")))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("Invalid domain name identifier specified");
  }

  @Test
  void basePathMappingsServeByHostWithAndWithoutBasePath() {
    String rest = restApi();
    var d = apigw.createDomainName(r -> r.domainName("api.example.com").regionalCertificateArn(CERT)
        .endpointConfiguration(e -> e.types(EndpointType.REGIONAL)));
    assertThat(d.regionalDomainName()).matches("d-[a-z0-9]{10}\\.execute-api\\.us-east-1\\.amazonaws\\.com");
    assertThat(d.regionalHostedZoneId()).isEqualTo("Z1UJRXOUMOOFQ8");
    assertThatThrownBy(() -> apigw.createBasePathMapping(r -> r.domainName("api.example.com").basePath("v1")
        .restApiId(rest).stage("nope"))).isInstanceOf(BadRequestException.class);
    apigw.createBasePathMapping(r -> r.domainName("api.example.com").basePath("v1").restApiId(rest).stage("prod"));
    assertThatThrownBy(() -> apigw.createBasePathMapping(r -> r.domainName("api.example.com").basePath("v1")
        .restApiId(rest).stage("prod"))).isInstanceOf(ConflictException.class);

    // An HTTP API under the key "h" of the same domain, through its $default stage.
    String http = v2.createApi(r -> r.name("h").protocolType(ProtocolType.HTTP)
        .target("http://127.0.0.1:" + backend.getAddress().getPort())).apiId();
    var mapping = v2.createApiMapping(r -> r.domainName("api.example.com").apiId(http).stage("$default").apiMappingKey("h"));
    assertThat(v2.getApiMappings(r -> r.domainName("api.example.com")).items()).hasSize(2);
    assertThat(v2.getApiMapping(r -> r.domainName("api.example.com").apiMappingId(mapping.apiMappingId())).apiMappingKey())
        .isEqualTo("h");

    var pets = get("api.example.com", "/v1/pets");
    assertThat(pets.status()).isEqualTo(200);
    assertThat(pets.body()).isEqualTo("{\"pets\": \"prod\"}");
    assertThat(get("api.example.com", "/h/anything?q=1").body()).isEqualTo("backend /anything?q=1");
    var unmapped = get("api.example.com", "/other/pets");
    assertThat(unmapped.status()).isEqualTo(403);
    assertThat(unmapped.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");

    // HTTPS on the domain's address: its ACM certificate, chosen by SNI.
    var https = httpsGet(module.dataPlane().domainTlsListener("api.example.com").orElseThrow(), "api.example.com", "/v1/pets");
    assertThat(https).startsWith("HTTP/1.1 200").endsWith("{\"pets\": \"prod\"}").contains("served-cn=*.example.com");

    // By Host header on the API port, and the regional name in Stratus's DNS at the domain's address.
    var viaApiPort = Http.get(new InetSocketAddress("127.0.0.1", server.port()), "api.example.com", "/v1/pets");
    assertThat(viaApiPort.body()).isEqualTo("{\"pets\": \"prod\"}");
    var viaRegionalName = Http.get(new InetSocketAddress("127.0.0.1", server.port()), d.regionalDomainName(), "/v1/pets");
    assertThat(viaRegionalName.status()).isEqualTo(200);
    var target = DnsTargetRegistry.in(server.context().extensions()).find(d.regionalDomainName()).orElseThrow();
    assertThat(target.addresses().getFirst().getHostAddress())
        .isEqualTo(module.dataPlane().domainListener("api.example.com").orElseThrow().getAddress().getHostAddress());

    // No base path: the whole path goes to the API.
    apigw.createDomainName(r -> r.domainName("root.example.com").regionalCertificateArn(CERT)
        .endpointConfiguration(e -> e.types(EndpointType.REGIONAL)));
    var none = apigw.createBasePathMapping(r -> r.domainName("root.example.com").restApiId(rest).stage("prod"));
    assertThat(none.basePath()).isEqualTo("(none)");
    assertThat(get("root.example.com", "/pets").body()).isEqualTo("{\"pets\": \"prod\"}");
    assertThat(get("root.example.com", "/nothing").status()).isEqualTo(403);

    v2.deleteApiMapping(r -> r.domainName("api.example.com").apiMappingId(mapping.apiMappingId()));
    assertThat(get("api.example.com", "/h/anything").status()).isEqualTo(403);
    apigw.deleteBasePathMapping(r -> r.domainName("api.example.com").basePath("v1"));
    assertThatThrownBy(() -> apigw.getBasePathMapping(r -> r.domainName("api.example.com").basePath("v1")))
        .isInstanceOf(NotFoundException.class);
    apigw.deleteDomainName(r -> r.domainName("api.example.com"));
    module.dataPlane().awaitCurrent();
    assertThat(module.dataPlane().domainListener("api.example.com")).isEmpty();
    assertThat(DnsTargetRegistry.in(server.context().extensions()).find(d.regionalDomainName())).isEmpty();
  }

  @Test
  void updates_changeCertificateOnTheListener_andMappingsOnTheDataPlane() {
    String rest = restApi();
    String other = restApi();
    apigw.createStage(r -> r.restApiId(other).stageName("beta")
        .deploymentId(apigw.getDeployments(d -> d.restApiId(other)).items().getFirst().id()));
    apigw.createDomainName(r -> r.domainName("swap.example.com").regionalCertificateArn(CERT)
        .endpointConfiguration(e -> e.types(EndpointType.REGIONAL)));
    apigw.createBasePathMapping(r -> r.domainName("swap.example.com").basePath("v1").restApiId(rest).stage("prod"));
    assertThat(get("swap.example.com", "/v1/pets").body()).isEqualTo("{\"pets\": \"prod\"}");
    var tls = module.dataPlane().domainTlsListener("swap.example.com").orElseThrow();
    assertThat(httpsGet(tls, "swap.example.com", "/v1/pets")).contains("served-cn=*.example.com");

    // Certificates are checked as CreateDomainName checks them.
    assertThatThrownBy(() -> apigw.updateDomainName(r -> r.domainName("swap.example.com")
        .patchOperations(p -> p.op("replace").path("/regionalCertificateArn").value(PENDING))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("PENDING_VALIDATION");
    assertThatThrownBy(() -> apigw.updateDomainName(r -> r.domainName("swap.example.com")
        .patchOperations(p -> p.op("replace").path("/certificateArn").value(SWAP))))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("Cannot import certificates for EDGE while REGIONAL is active.");
    assertThatThrownBy(() -> apigw.updateDomainName(r -> r.domainName("swap.example.com")
        .patchOperations(p -> p.op("replace").path("/domainName").value("x"))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("Invalid patch path /domainName");
    var updated = apigw.updateDomainName(r -> r.domainName("swap.example.com").patchOperations(
        p -> p.op("replace").path("/regionalCertificateArn").value(SWAP),
        p -> p.op("replace").path("/securityPolicy").value("TLS_1_0")));
    assertThat(updated.regionalCertificateArn()).isEqualTo(SWAP);
    assertThat(updated.securityPolicyAsString()).isEqualTo("TLS_1_0");
    module.dataPlane().awaitCurrent();
    // The same listener now serves the new certificate.
    assertThat(module.dataPlane().domainTlsListener("swap.example.com")).contains(tls);
    assertThat(httpsGet(tls, "swap.example.com", "/v1/pets")).startsWith("HTTP/1.1 200").contains("served-cn=[swap.example.com]");
    // v2 sees and changes the same domain.
    var v2Updated = v2.updateDomainName(r -> r.domainName("swap.example.com").domainNameConfigurations(c -> c.certificateArn(CERT)));
    assertThat(v2Updated.domainNameConfigurations().getFirst().certificateArn()).isEqualTo(CERT);
    module.dataPlane().awaitCurrent();
    assertThat(httpsGet(tls, "swap.example.com", "/v1/pets")).contains("served-cn=*.example.com");

    // Base path and stage changes take effect on the data plane.
    var moved = apigw.updateBasePathMapping(r -> r.domainName("swap.example.com").basePath("v1").patchOperations(
        p -> p.op("replace").path("/basePath").value("v2"),
        p -> p.op("replace").path("/restapiId").value(other),
        p -> p.op("replace").path("/stage").value("beta")));
    assertThat(moved.basePath()).isEqualTo("v2");
    assertThat(moved.stage()).isEqualTo("beta");
    assertThat(get("swap.example.com", "/v1/pets").status()).isEqualTo(403);
    assertThat(get("swap.example.com", "/v2/pets").body()).isEqualTo("{\"pets\": \"beta\"}");
    assertThatThrownBy(() -> apigw.updateBasePathMapping(r -> r.domainName("swap.example.com").basePath("v2")
        .patchOperations(p -> p.op("replace").path("/stage").value("nope"))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("Invalid stage identifier specified");
    assertThatThrownBy(() -> apigw.updateBasePathMapping(r -> r.domainName("swap.example.com").basePath("v1")
        .patchOperations(p -> p.op("replace").path("/stage").value("prod"))))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("Invalid base path mapping identifier specified");

    // v2 API mapping: another key and stage.
    String http = v2.createApi(r -> r.name("h").protocolType(ProtocolType.HTTP)
        .target("http://127.0.0.1:" + backend.getAddress().getPort())).apiId();
    var mapping = v2.createApiMapping(r -> r.domainName("swap.example.com").apiId(http).stage("$default").apiMappingKey("h"));
    assertThat(get("swap.example.com", "/h/x").body()).isEqualTo("backend /x");
    assertThatThrownBy(() -> v2.updateApiMapping(r -> r.domainName("swap.example.com").apiMappingId(mapping.apiMappingId())
        .apiId(http).apiMappingKey("v2"))).isInstanceOf(software.amazon.awssdk.services.apigatewayv2.model.ConflictException.class);
    var remapped = v2.updateApiMapping(r -> r.domainName("swap.example.com").apiMappingId(mapping.apiMappingId())
        .apiId(http).apiMappingKey("web"));
    assertThat(remapped.apiMappingKey()).isEqualTo("web");
    assertThat(get("swap.example.com", "/h/x").status()).isEqualTo(403);
    assertThat(get("swap.example.com", "/web/x").body()).isEqualTo("backend /x");
    apigw.deleteDomainName(r -> r.domainName("swap.example.com"));
  }

  static java.util.Set<String> dnsAddress(String name) {
    return DnsTargetRegistry.in(server.context().extensions()).find(name).map(t -> t.addresses().stream()
        .map(java.net.InetAddress::getHostAddress).collect(java.util.stream.Collectors.toSet())).orElse(java.util.Set.of());
  }

  @Test
  void endpointType_movesBetweenEdgeAndRegional_andTheDnsNamesListenersAndCertificatesFollow() {
    String rest = restApi();
    String domain = "move.example.com";
    var edge = apigw.createDomainName(r -> r.domainName(domain).certificateArn(CERT));
    apigw.createBasePathMapping(r -> r.domainName(domain).restApiId(rest).stage("prod"));
    var dataPlane = module.dataPlane();
    dataPlane.awaitCurrent();
    var edgeAt = dataPlane.domainListener(domain, "EDGE").orElseThrow();
    assertThat(dataPlane.domainListener(domain, "REGIONAL")).isEmpty();
    assertThat(dnsAddress(edge.distributionDomainName())).containsExactly(edgeAt.getAddress().getHostAddress());

    // AWS's refusals: a certificate for a type the domain does not have, a type without its
    // certificate, an index instead of the type, no type left; v2 does not manage EDGE domains.
    assertThatThrownBy(() -> apigw.updateDomainName(r -> r.domainName(domain)
        .patchOperations(p -> p.op("add").path("/regionalCertificateArn").value(MOVE))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("Cannot import certificates for REGIONAL while EDGE is active.");
    assertThatThrownBy(() -> apigw.updateDomainName(r -> r.domainName(domain)
        .patchOperations(p -> p.op("add").path("/endpointConfiguration/types").value("REGIONAL"))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("A certificate was not provided for the endpoint type REGIONAL.");
    assertThatThrownBy(() -> apigw.updateDomainName(r -> r.domainName(domain)
        .patchOperations(p -> p.op("replace").path("/endpointConfiguration/types/0").value("REGIONAL"))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("/endpointConfiguration/types/0 Invalid request input");
    assertThatThrownBy(() -> apigw.updateDomainName(r -> r.domainName(domain)
        .patchOperations(p -> p.op("remove").path("/endpointConfiguration/types").value("EDGE"))))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> apigw.updateDomainName(r -> r.domainName(domain)
        .patchOperations(p -> p.op("add").path("/endpointConfiguration/types").value("PRIVATE"))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("Invalid endpoint type specified: PRIVATE");
    assertThatThrownBy(() -> v2.updateDomainName(r -> r.domainName(domain)
        .domainNameConfigurations(c -> c.endpointType("REGIONAL").certificateArn(MOVE))))
        .isInstanceOf(software.amazon.awssdk.services.apigatewayv2.model.BadRequestException.class)
        .hasMessageContaining("Only REGIONAL domain names");
    String http = v2.createApi(r -> r.name("h").protocolType(ProtocolType.HTTP)
        .target("http://127.0.0.1:" + backend.getAddress().getPort())).apiId();
    assertThatThrownBy(() -> v2.createApiMapping(r -> r.domainName(domain).apiId(http).stage("$default").apiMappingKey("h")))
        .isInstanceOf(software.amazon.awssdk.services.apigatewayv2.model.BadRequestException.class)
        .hasMessageContaining("only REST APIs can be attached to EDGE domain names");

    // Step 1 (AWS's migration): add REGIONAL with its certificate; both endpoints now serve.
    var both = apigw.updateDomainName(r -> r.domainName(domain).patchOperations(
        p -> p.op("add").path("/endpointConfiguration/types").value("REGIONAL"),
        p -> p.op("add").path("/regionalCertificateArn").value(MOVE)));
    assertThat(both.endpointConfiguration().typesAsStrings()).containsExactly("EDGE", "REGIONAL");
    assertThat(both.certificateArn()).isEqualTo(CERT);
    assertThat(both.regionalCertificateArn()).isEqualTo(MOVE);
    assertThat(both.distributionDomainName()).isEqualTo(edge.distributionDomainName());
    assertThat(both.regionalDomainName()).matches("d-[a-z0-9]{10}\\.execute-api\\.us-east-1\\.amazonaws\\.com");
    assertThat(both.regionalHostedZoneId()).isEqualTo("Z1UJRXOUMOOFQ8");
    assertThat(both.distributionHostedZoneId()).isEqualTo("Z2FDTNDATAQYW2");
    dataPlane.awaitCurrent();
    var regionalAt = dataPlane.domainListener(domain, "REGIONAL").orElseThrow();
    assertThat(regionalAt.getAddress()).isNotEqualTo(edgeAt.getAddress());
    assertThat(dnsAddress(both.regionalDomainName())).containsExactly(regionalAt.getAddress().getHostAddress());
    assertThat(dnsAddress(both.distributionDomainName())).containsExactly(edgeAt.getAddress().getHostAddress());
    assertThat(Http.get(regionalAt, domain, "/pets").body()).isEqualTo("{\"pets\": \"prod\"}");
    assertThat(Http.get(edgeAt, domain, "/pets").body()).isEqualTo("{\"pets\": \"prod\"}");
    // Each endpoint's HTTPS listener serves its own type's certificate.
    assertThat(httpsGet(dataPlane.domainTlsListener(domain, "REGIONAL").orElseThrow(), domain, "/pets"))
        .startsWith("HTTP/1.1 200").contains("served-cn=[move.example.com]");
    assertThat(httpsGet(dataPlane.domainTlsListener(domain, "EDGE").orElseThrow(), domain, "/pets"))
        .startsWith("HTTP/1.1 200").contains("served-cn=*.example.com");
    // v2 sees (only) the REGIONAL configuration now.
    var seen = v2.getDomainName(r -> r.domainName(domain)).domainNameConfigurations();
    assertThat(seen).singleElement().satisfies(c -> {
      assertThat(c.endpointTypeAsString()).isEqualTo("REGIONAL");
      assertThat(c.apiGatewayDomainName()).isEqualTo(both.regionalDomainName());
      assertThat(c.certificateArn()).isEqualTo(MOVE);
    });

    // Step 3: remove EDGE; its name, listener and certificate go, REGIONAL stays where it was.
    var regional = apigw.updateDomainName(r -> r.domainName(domain)
        .patchOperations(p -> p.op("remove").path("/endpointConfiguration/types").value("EDGE")));
    assertThat(regional.endpointConfiguration().typesAsStrings()).containsExactly("REGIONAL");
    assertThat(regional.certificateArn()).isNull();
    assertThat(regional.distributionDomainName()).isNull();
    assertThat(regional.distributionHostedZoneId()).isNull();
    dataPlane.awaitCurrent();
    assertThat(dataPlane.domainListener(domain, "EDGE")).isEmpty();
    assertThat(dataPlane.domainListener(domain, "REGIONAL")).contains(regionalAt);
    assertThat(dnsAddress(edge.distributionDomainName())).isEmpty();
    assertThat(Http.get(new InetSocketAddress("127.0.0.1", server.port()), edge.distributionDomainName(), "/pets").status())
        .as("the distribution's name is no longer served on the API port").isNotEqualTo(200);
    assertThat(Http.get(new InetSocketAddress("127.0.0.1", server.port()), domain, "/pets").body())
        .isEqualTo("{\"pets\": \"prod\"}");

    // Back to EDGE in one step: the patch path names the type it has, the value the one it gets.
    var back = apigw.updateDomainName(r -> r.domainName(domain).patchOperations(
        p -> p.op("replace").path("/endpointConfiguration/types/REGIONAL").value("EDGE"),
        p -> p.op("add").path("/certificateArn").value(CERT)));
    assertThat(back.endpointConfiguration().typesAsStrings()).containsExactly("EDGE");
    assertThat(back.regionalCertificateArn()).isNull();
    assertThat(back.regionalDomainName()).isNull();
    assertThat(back.distributionDomainName()).endsWith(".cloudfront.net").isNotEqualTo(edge.distributionDomainName());
    dataPlane.awaitCurrent();
    assertThat(dataPlane.domainListener(domain, "REGIONAL")).isEmpty();
    assertThat(dnsAddress(both.regionalDomainName())).isEmpty();
    var edgeAgain = dataPlane.domainListener(domain, "EDGE").orElseThrow();
    assertThat(dnsAddress(back.distributionDomainName())).containsExactly(edgeAgain.getAddress().getHostAddress());
    assertThat(httpsGet(dataPlane.domainTlsListener(domain, "EDGE").orElseThrow(), domain, "/pets"))
        .startsWith("HTTP/1.1 200").contains("served-cn=*.example.com");
    apigw.deleteDomainName(r -> r.domainName(domain));
  }
}
