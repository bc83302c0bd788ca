package dev.stratus.cloudfront;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.stratus.cloudfront.dataplane.CloudFrontEdge;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfrontkeyvaluestore.CloudFrontKeyValueStoreClient;

/**
 * A function reading its key value store, through the whole of Stratus: the store filled and
 * changed with the data API (PutKey), the function created, associated and published with the
 * control plane, a distribution serving it at the edge to a viewer over a real socket, and
 * TestFunction seeing the same values. The function also picks the request's origin with
 * {@code cf.selectRequestOriginById} and {@code cf.updateRequestOrigin} by a key's value.
 */
class CloudFrontFunctionKeyValueStoreIT {
  static CloudFrontTesting t;
  static CloudFrontClient cf;
  static CloudFrontKeyValueStoreClient kvs;
  static HttpServer origin;

  static final String CODE = """
      import cf from 'cloudfront';
      const store = cf.kvs();
      async function handler(event) {
        const request = event.request;
        if (await store.exists(request.uri)) {
          return { statusCode: 302, statusDescription: 'Found',
                   headers: { location: { value: await store.get(request.uri) } } };
        }
        const route = await store.get('route');
        if (route === 'update') cf.updateRequestOrigin({ originPath: '/updated' });
        else if (route === 'group') {
          cf.createRequestOriginGroup({ originIds: ['failing', 'b'], failoverCriteria: { statusCodes: [500] } });
        }
        else cf.selectRequestOriginById(route);
        return request;
      }""";

  @BeforeAll
  static void start() throws IOException {
    t = new CloudFrontTesting();
    cf = t.cf;
    kvs = t.kvs();
    // the origin answers the path it was asked for
    origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    origin.createContext("/", ex -> {
      byte[] body = ("origin saw " + ex.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(ex.getRequestURI().getPath().startsWith("/failing/") ? 500 : 200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    origin.start();
  }

  @AfterAll
  static void stop() {
    origin.stop(0);
    t.close();
  }

  static Origin origin(String id, String path) {
    return Origin.builder().id(id).domainName("localhost").originPath(path).connectionAttempts(1).connectionTimeout(2)
        .customOriginConfig(c -> c.httpPort(origin.getAddress().getPort()).httpsPort(443).originProtocolPolicy("http-only")
            .originReadTimeout(5)).build();
  }

  @Test
  void aFunctionRedirectsAndRoutesByItsStore_putKeyChangesWhatTheViewerGets() throws Exception {
    var store = cf.createKeyValueStore(r -> r.name("redirects")).keyValueStore();
    String e0 = kvs.describeKeyValueStore(r -> r.kvsARN(store.arn())).eTag();
    String etag = kvs.putKey(r -> r.kvsARN(store.arn()).key("/old").value("https://example.com/new").ifMatch(e0)).eTag();
    String afterFirst = etag;
    etag = kvs.putKey(r -> r.kvsARN(store.arn()).key("route").value("a").ifMatch(afterFirst)).eTag();

    var fn = cf.createFunction(r -> r.name("kvs-router").functionConfig(c -> c.comment("").runtime("cloudfront-js-2.0")
        .keyValueStoreAssociations(a -> a.quantity(1).items(x -> x.keyValueStoreARN(store.arn()))))
        .functionCode(SdkBytes.fromUtf8String(CODE)));
    cf.publishFunction(r -> r.name("kvs-router").ifMatch(fn.eTag()));
    String functionArn = fn.functionSummary().functionMetadata().functionARN();

    var d = cf.createDistribution(r -> r.distributionConfig(CloudFrontTesting.config(c -> c
        .origins(o -> o.quantity(3).items(origin("a", "/a"), origin("b", "/b"), origin("failing", "/failing")))
        .defaultCacheBehavior(b -> b.targetOriginId("a").viewerProtocolPolicy("allow-all")
            .cachePolicyId("4135ea2d-6df8-44a3-9df3-4b5a84be39ad") // CachingDisabled: every request reaches the origin
            .functionAssociations(f -> f.quantity(1).items(x -> x.eventType("viewer-request").functionARN(functionArn)))))))
        .distribution();
    String host = d.domainName().replace(".cloudfront.net", ".cloudfront.localhost");
    InetSocketAddress edge = t.server.context().extensions().find(CloudFrontEdge.class).orElseThrow()
        .addressOf("IAD89").orElseThrow();

    // the edge follows the control plane on a thread of its own
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Response first = get(edge, host, "/old");
    while (first.status() != 302 && System.nanoTime() < deadline) {
      Thread.sleep(50);
      first = get(edge, host, "/old");
    }
    assertThat(first.status()).as(first.toString()).isEqualTo(302);
    assertThat(first.headers().get("location")).isEqualTo("https://example.com/new");
    assertThat(get(edge, host, "/page").body()).isEqualTo("origin saw /a/page");

    // the data API changes what the next viewer gets: no redeployment
    String e1 = etag;
    etag = kvs.putKey(r -> r.kvsARN(store.arn()).key("/old").value("https://example.com/newer").ifMatch(e1)).eTag();
    assertThat(get(edge, host, "/old").headers().get("location")).isEqualTo("https://example.com/newer");
    String e2 = etag;
    etag = kvs.putKey(r -> r.kvsARN(store.arn()).key("route").value("b").ifMatch(e2)).eTag();
    assertThat(get(edge, host, "/page").body()).isEqualTo("origin saw /b/page");
    String e3 = etag;
    etag = kvs.putKey(r -> r.kvsARN(store.arn()).key("route").value("update").ifMatch(e3)).eTag();
    assertThat(get(edge, host, "/page").body()).isEqualTo("origin saw /updated/page");
    // a group made for the request fails over from its primary on the codes it names
    String e4a = etag;
    etag = kvs.putKey(r -> r.kvsARN(store.arn()).key("route").value("group").ifMatch(e4a)).eTag();
    var failedOver = get(edge, host, "/page");
    assertThat(failedOver.status()).isEqualTo(200);
    assertThat(failedOver.body()).isEqualTo("origin saw /b/page");
    // an origin the distribution does not have is a function execution error
    String e4 = etag;
    kvs.putKey(r -> r.kvsARN(store.arn()).key("route").value("nowhere").ifMatch(e4));
    var failed = get(edge, host, "/page");
    assertThat(failed.status()).isEqualTo(503);
    assertThat(failed.headers().get("x-cache")).isEqualTo("FunctionExecutionError from cloudfront");

    // TestFunction reads the same store
    String event = """
        {"version":"1.0","context":{"eventType":"viewer-request"},"viewer":{"ip":"198.51.100.11"},
         "request":{"method":"GET","uri":"/old","querystring":{},"headers":{},"cookies":{}}}""";
    String devEtag = cf.describeFunction(r -> r.name("kvs-router")).eTag();
    var result = cf.testFunction(r -> r.name("kvs-router").ifMatch(devEtag).eventObject(SdkBytes.fromUtf8String(event)))
        .testResult();
    assertThat(result.functionErrorMessage()).isNullOrEmpty();
    assertThat(result.functionOutput()).contains("https://example.com/newer").contains("\"statusCode\":302");
  }

  record Response(int status, Map<String, String> headers, String body) {}

  /** One HTTP/1.1 GET over a socket, as curl sends it, with Host naming the distribution. */
  static Response get(InetSocketAddress edge, String host, String path) throws IOException {
    try (Socket s = new Socket(edge.getAddress(), edge.getPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: curl/8.5.0\r\n"
          + "Accept: */*\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int end = raw.indexOf("\r\n\r\n");
      String[] lines = raw.substring(0, end).split("\r\n");
      Map<String, String> headers = new TreeMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
      String body = raw.substring(end + 4);
      if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) body = unchunk(body);
      return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
    }
  }

  private static String unchunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (true) {
      int eol = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, eol).trim(), 16);
      if (size == 0) return out.toString();
      out.append(chunked, eol + 2, eol + 2 + size);
      at = eol + 2 + size + 2;
    }
  }
}
