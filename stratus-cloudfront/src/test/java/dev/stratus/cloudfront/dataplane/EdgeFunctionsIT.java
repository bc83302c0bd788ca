package dev.stratus.cloudfront.dataplane;

import static dev.stratus.cloudfront.dataplane.EdgeHarness.SYDNEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.cloudfront.dataplane.FunctionCodeSource.LiveFunction;
import dev.stratus.cloudfront.dataplane.TestOrigin.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudfront.model.DefaultCacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.FunctionAssociation;
import software.amazon.awssdk.services.cloudfront.model.FunctionAssociations;

/** CloudFront Functions at the edge through real sockets: viewer-request before the cache, viewer-response after. */
class EdgeFunctionsIT {
  static final String ID = "E3FUNCTIONS0001";
  static final String REQUEST_ARN = "arn:aws:cloudfront::123456789012:function/viewer-request";
  static final String RESPONSE_ARN = "arn:aws:cloudfront::123456789012:function/viewer-response";
  EdgeHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new EdgeHarness();
    h.source.cachePolicies.put("p", EdgeHarness.policy(0, 100, 1000, "v"));
    h.origin.on("/index.html", Reply.ok("home", "Cache-Control", "max-age=60", "Content-Type", "text/html"));
    h.origin.on("/v2/index.html", Reply.ok("new app", "Cache-Control", "max-age=60", "Content-Type", "text/html"));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private void deploy(String viewerRequestCode, String viewerResponseCode) {
    int n = (viewerRequestCode == null ? 0 : 1) + (viewerResponseCode == null ? 0 : 1);
    FunctionAssociations.Builder fa = FunctionAssociations.builder().quantity(n);
    java.util.List<FunctionAssociation> items = new java.util.ArrayList<>();
    if (viewerRequestCode != null) {
      h.source.functions.put(REQUEST_ARN, new LiveFunction(REQUEST_ARN, "cloudfront-js-2.0", viewerRequestCode, null));
      items.add(FunctionAssociation.builder().eventType("viewer-request").functionARN(REQUEST_ARN).build());
    }
    if (viewerResponseCode != null) {
      h.source.functions.put(RESPONSE_ARN, new LiveFunction(RESPONSE_ARN, "cloudfront-js-2.0", viewerResponseCode, "kvs-1"));
      items.add(FunctionAssociation.builder().eventType("viewer-response").functionARN(RESPONSE_ARN).build());
    }
    h.deploy(ID, h.config("p").defaultCacheBehavior(DefaultCacheBehavior.builder().targetOriginId("web")
        .viewerProtocolPolicy("allow-all").cachePolicyId("p").functionAssociations(fa.items(items).build()).build()).build());
  }

  /** Seed 003 ("AWS for the Real World"): a CloudFront function redirects to another application by a cookie. */
  static final String COOKIE_REDIRECT = """
      function handler(event) {
        var request = event.request;
        var app = request.cookies['app'];
        if (app && app.value === 'v2') {
          return {
            statusCode: 302,
            statusDescription: 'Found',
            headers: { location: { value: 'https://v2.example.com' + request.uri } },
            cookies: { seen: { value: 'v2', attributes: 'Path=/; Secure' } }
          };
        }
        return request;
      }""";

  @Test
  void seedCookieRedirectAnswersAtTheEdgeWithoutTheOrigin() throws Exception {
    deploy(COOKIE_REDIRECT, null);
    var redirected = h.get(SYDNEY, ID, "/index.html", "Cookie", "theme=dark; app=v2");
    assertThat(redirected.status()).isEqualTo(302);
    assertThat(redirected.header("location")).isEqualTo("https://v2.example.com/index.html");
    assertThat(redirected.header("set-cookie")).isEqualTo("seen=v2; Path=/; Secure");
    assertThat(redirected.xCache()).isEqualTo("FunctionGeneratedResponse from cloudfront");
    assertThat(redirected.header("x-amz-cf-pop")).isEqualTo("SYD62-C1");
    assertThat(h.origin.total()).isZero();

    var home = h.get(SYDNEY, ID, "/index.html", "Cookie", "app=v1");
    assertThat(home.status()).isEqualTo(200);
    assertThat(home.text()).isEqualTo("home");
    assertThat(home.xCache()).isEqualTo("Miss from cloudfront");
    assertThat(h.get(SYDNEY, ID, "/index.html").xCache()).isEqualTo("Hit from cloudfront");
    assertThat(h.origin.count("/index.html")).isEqualTo(1);
  }

  @Test
  void aRewrittenUriAndQueryStringAreWhatTheCacheAndTheOriginSee() throws Exception {
    deploy("""
        function handler(event) {
          var r = event.request;
          if (r.uri.endsWith('/')) r.uri += 'index.html';
          r.querystring = { v: { value: '7' } };
          r.headers['x-from-function'] = { value: event.context.eventType + ' ' + event.context.distributionId };
          return r;
        }""", null);
    var first = h.get(SYDNEY, ID, "/v2/?v=1");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.text()).isEqualTo("new app");
    var seen = h.origin.seen.getLast();
    assertThat(seen.uri()).isEqualTo("/v2/index.html?v=7");
    // the cache key is the rewritten request: another query string that the function rewrites the same way hits
    assertThat(h.get(SYDNEY, ID, "/v2/?v=2").xCache()).isEqualTo("Hit from cloudfront");
    assertThat(h.origin.count("/v2/index.html")).isEqualTo(1);
  }

  @Test
  void viewerResponseChangesHeadersAndCookiesButNotErrors() throws Exception {
    h.edge.keyValueStores().put("kvs-1", "policy", "max-age=31536000");
    h.origin.on("/missing", Reply.status(404));
    deploy(null, """
        import cf from 'cloudfront';
        const kvs = cf.kvs();
        async function handler(event) {
          const r = event.response;
          r.headers['strict-transport-security'] = { value: await kvs.get('policy') };
          r.headers['x-status-seen'] = { value: String(r.statusCode) + ' ' + event.request.uri };
          delete r.headers['content-type'];
          r.cookies['visited'] = { value: 'yes', attributes: 'Max-Age=60' };
          return r;
        }""");
    var ok = h.get(SYDNEY, ID, "/index.html");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.text()).isEqualTo("home");
    assertThat(ok.header("strict-transport-security")).isEqualTo("max-age=31536000");
    assertThat(ok.header("x-status-seen")).isEqualTo("200 /index.html");
    assertThat(ok.header("content-type")).isNull();
    assertThat(ok.header("set-cookie")).isEqualTo("visited=yes; Max-Age=60");
    assertThat(ok.xCache()).isEqualTo("Miss from cloudfront");
    var missing = h.get(SYDNEY, ID, "/missing");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.header("x-status-seen")).isNull();
  }

  @Test
  void aFunctionThatThrowsGivesThe503OfAFunctionExecutionError() throws Exception {
    deploy("function handler(event) { throw new Error('nope'); }", null);
    var r = h.get(SYDNEY, ID, "/index.html");
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.xCache()).isEqualTo("FunctionExecutionError from cloudfront");
    assertThat(r.text()).contains("503 ERROR").contains("The CloudFront function associated with the CloudFront distribution is invalid or could not run.");
    assertThat(h.origin.total()).isZero();
  }

  @Test
  void aFunctionOverItsBudgetGivesThe503OfAThrottledFunction() throws Exception {
    deploy("function handler(event) { if (event.request.uri === '/spin') { while (true) {} } return event.request; }", null);
    for (int i = 0; i < dev.stratus.cloudfront.functions.CompiledFunction.WARM_AFTER; i++) { // the context's cold runs
      assertThat(h.get(SYDNEY, ID, "/index.html").status()).isEqualTo(200);
    }
    var r = h.get(SYDNEY, ID, "/spin");
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.xCache()).isEqualTo("FunctionThrottledError from cloudfront");
    // the edge still serves after the run was stopped
    assertThat(h.get(SYDNEY, ID, "/index.html").xCache()).isEqualTo("Hit from cloudfront");
  }

  @Test
  void aGeneratedResponseCarriesItsBodyTextOrBase64() throws Exception {
    deploy("""
        function handler(event) {
          if (event.request.uri === '/text') {
            return { statusCode: 200, statusDescription: 'OK', headers: { 'content-type': { value: 'text/plain' } }, body: 'hello' };
          }
          return { statusCode: 403, statusDescription: 'Forbidden', body: { data: 'bm8gZW50cnk=', encoding: 'base64' } };
        }""", null);
    var text = h.get(SYDNEY, ID, "/text");
    assertThat(text.status()).isEqualTo(200);
    assertThat(text.text()).isEqualTo("hello");
    assertThat(text.header("content-type")).isEqualTo("text/plain");
    var refused = h.get(SYDNEY, ID, "/other");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.text()).isEqualTo("no entry");
    assertThat(refused.xCache()).isEqualTo("FunctionGeneratedResponse from cloudfront");
    assertThat(h.origin.total()).isZero();
  }

  @Test
  void aFunctionWithoutLiveCodeGivesThe503() throws Exception {
    h.deploy(ID, h.config("p").defaultCacheBehavior(DefaultCacheBehavior.builder().targetOriginId("web")
        .viewerProtocolPolicy("allow-all").cachePolicyId("p").functionAssociations(FunctionAssociations.builder().quantity(1)
            .items(FunctionAssociation.builder().eventType("viewer-request").functionARN(REQUEST_ARN).build()).build())
        .build()).build());
    assertThat(h.get(SYDNEY, ID, "/index.html").xCache()).isEqualTo("FunctionExecutionError from cloudfront");
  }
}
