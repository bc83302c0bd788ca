package dev.stratus.cloudfront.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FunctionRuntimeTest {
  static final FunctionRuntime RUNTIME = new FunctionRuntime();

  static final String EVENT = """
      {"version":"1.0","context":{"distributionDomainName":"d111111abcdef8.cloudfront.net","distributionId":"EDFDVBD6EXAMPLE",
        "eventType":"viewer-request","requestId":"4TyzHTaYWb1GX1qTfsHhEqV6HUDd_BzoBZnwfnvQc_1oF26ClkoUSEQ=="},
       "viewer":{"ip":"198.51.100.11"},
       "request":{"method":"GET","uri":"/media/index.mpd",
         "querystring":{"ID":{"value":"42"},"Exp":{"value":"1619740800"},"tag":{"value":"a","multiValue":[{"value":"a"},{"value":"b"}]}},
         "headers":{"host":{"value":"video.example.com"},"accept":{"value":"*/*"}},
         "cookies":{"id":{"value":"CookieIdValue"},"loggedIn":{"value":"false"}}}}""";

  @AfterAll
  static void close() {
    RUNTIME.close();
  }

  static JsonNode output(String code) {
    FunctionRuntime.TestResult r = RUNTIME.test(code, EVENT);
    assertThat(r.functionErrorMessage()).isNull();
    return FunctionRuntime.JSON.readTree(r.functionOutput());
  }

  @Test
  void eventShapeReachesTheHandlerAsAwsGivesIt() {
    JsonNode out = output("""
        function handler(event) {
          var r = event.request;
          r.headers['x-seen'] = {value: [event.version, event.context.eventType, event.context.distributionId,
            event.context.distributionDomainName, event.context.requestId.length, event.viewer.ip, r.method, r.uri,
            r.querystring.ID.value, r.querystring.tag.multiValue[1].value, r.headers.host.value, r.cookies.id.value].join('|')};
          return r;
        }""");
    assertThat(out.path("request").path("headers").path("x-seen").path("value").asString()).isEqualTo(
        "1.0|viewer-request|EDFDVBD6EXAMPLE|d111111abcdef8.cloudfront.net|57|198.51.100.11|GET|/media/index.mpd|42|b"
            + "|video.example.com|CookieIdValue");
  }

  @Test
  void aReturnedResponseIsOutputAsResponse() {
    JsonNode out = output("""
        function handler(event) {
          return {statusCode: 302, statusDescription: 'Found', headers: {location: {value: 'https://example.com/'}}};
        }""");
    assertThat(out.path("response").path("statusCode").asInt()).isEqualTo(302);
    assertThat(out.path("response").path("headers").path("location").path("value").asString()).isEqualTo("https://example.com/");
  }

  @Test
  void es2022AsyncAwaitConstLetAndModuleImportsRun() {
    JsonNode out = output("""
        import qs from 'querystring';
        import { createHash as h } from 'crypto';
        async function handler(event) {
          const r = event.request;
          let v = await Promise.resolve(`${r.uri}`);
          r.headers['x-v'] = {value: v + ' ' + qs.stringify({a: 1}) + ' ' + h('md5').update('x').digest('hex')};
          return r;
        }""");
    assertThat(out.path("request").path("headers").path("x-v").path("value").asString())
        .isEqualTo("/media/index.mpd a=1 9dd4e461268c8034f5c8564e155c67a6");
  }

  @Test
  void cryptoHashesAndHmacsInHexAndBase64() {
    JsonNode out = output("""
        var crypto = require('crypto');
        function handler(event) {
          var r = event.request;
          r.headers['md5'] = {value: crypto.createHash('md5').update('hello').digest('hex')};
          r.headers['sha1'] = {value: crypto.createHash('sha1').update('hel').update('lo').digest('base64')};
          r.headers['sha256'] = {value: crypto.createHash('sha256').update('hello').digest('hex')};
          r.headers['hmac'] = {value: crypto.createHmac('sha256', 'key').update('hello').digest('hex')};
          r.headers['raw'] = {value: String(crypto.createHash('md5').update('hello').digest().length)};
          return r;
        }""");
    JsonNode h = out.path("request").path("headers");
    assertThat(h.path("md5").path("value").asString()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
    assertThat(h.path("sha1").path("value").asString()).isEqualTo("qvTGHdzF6KLavt4PO0gs2a6pQ00=");
    assertThat(h.path("sha256").path("value").asString())
        .isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    assertThat(h.path("hmac").path("value").asString())
        .isEqualTo("9307b3b915efb5171ff14d8cb55fbcc798c6c0ef1456d66ded1a6aa723a58b7b");
    assertThat(h.path("raw").path("value").asString()).isEqualTo("16");
  }

  @Test
  void bufferEncodesAndDecodesAndDigestsWithoutEncodingGiveBuffers() {
    JsonNode out = output("""
        import crypto from 'crypto';
        function handler(event) {
          var r = event.request;
          var auth = 'Basic ' + Buffer.from('user:pässword').toString('base64');
          var back = Buffer.from(auth.slice(6), 'base64').toString();
          var raw = crypto.createHmac('sha256', 'key').update('hello').digest();
          var again = crypto.createHash('md5').update(Buffer.from('68656c6c6f', 'hex')).digest('hex');
          r.headers['x-b'] = {value: [auth, back, Buffer.isBuffer(raw), raw.toString('hex').slice(0, 8),
            Buffer.from('é').length, again, require('buffer').Buffer === Buffer].join(' ')};
          return r;
        }""");
    assertThat(out.path("request").path("headers").path("x-b").path("value").asString())
        .isEqualTo("Basic dXNlcjpww6Rzc3dvcmQ= user:pässword true 9307b3b9 2 5d41402abc4b2a76b9719d911017c592 true");
  }

  @Test
  void querystringParsesAndStringifiesAsNode() {
    JsonNode out = output("""
        var querystring = require('querystring');
        function handler(event) {
          var p = querystring.parse('a=1&b=x%20y&a=2&c');
          var r = event.request;
          r.headers['x-q'] = {value: JSON.stringify(p) + ' ' + querystring.stringify({k: ['v 1', 'w'], n: 'é'})};
          return r;
        }""");
    assertThat(out.path("request").path("headers").path("x-q").path("value").asString())
        .isEqualTo("{\"a\":[\"1\",\"2\"],\"b\":\"x y\",\"c\":\"\"} k=v%201&k=w&n=%C3%A9");
  }

  @Test
  void keyValueStoreGetExistsAndMissingKeys() {
    RUNTIME.keyValueStores().put("kvs-1", "/old", "/new");
    RUNTIME.keyValueStores().put("kvs-1", "cfg", "{\"on\":true}");
    JsonNode out = output("""
        import cf from 'cloudfront';
        const kvs = cf.kvs('kvs-1');
        async function handler(event) {
          const r = event.request;
          let missing;
          try { await kvs.get('/nope'); missing = 'found'; } catch (e) { missing = 'missing'; }
          const cfg = await kvs.get('cfg', {format: 'json'});
          r.uri = await kvs.get(r.uri === '/media/index.mpd' ? '/old' : 'x');
          r.headers['x-k'] = {value: [await kvs.exists('cfg'), await kvs.exists('nope'), missing, cfg.on].join(',')};
          return r;
        }""");
    assertThat(out.path("request").path("uri").asString()).isEqualTo("/new");
    assertThat(out.path("request").path("headers").path("x-k").path("value").asString()).isEqualTo("true,false,missing,true");
  }

  @Test
  void keyValueStore_onlyTheAssociatedOne_bytesAreUtf8() {
    RUNTIME.keyValueStores().put("kvs-a", "k", "é");
    RUNTIME.keyValueStores().put("kvs-b", "k", "other");
    FunctionRuntime.TestResult r = RUNTIME.test("""
        import cf from 'cloudfront';
        async function handler(event) {
          const bytes = await cf.kvs('kvs-a').get('k', {format: 'bytes'});
          const meta = await cf.kvs().meta();
          event.request.headers['x-k'] = {value: Array.from(bytes).join(',') + ' ' + meta.keyCount};
          return event.request;
        }""", EVENT, "kvs-a");
    assertThat(r.functionErrorMessage()).isNull();
    assertThat(FunctionRuntime.JSON.readTree(r.functionOutput()).path("request").path("headers").path("x-k").path("value")
        .asString()).isEqualTo("195,169 1");
    FunctionRuntime.TestResult other = RUNTIME.test("""
        import cf from 'cloudfront';
        async function handler(event) { await cf.kvs('kvs-b').get('k'); return event.request; }""", EVENT, "kvs-a");
    assertThat(other.functionErrorMessage()).isEqualTo("Error: The key value store kvs-b is not associated with this function");
  }

  @Test
  void originHelpers_areRecordedForTheEdge_inViewerRequestOnly() {
    try (CompiledFunction f = RUNTIME.compile("""
        import cf from 'cloudfront';
        function handler(event) {
          if (event.request.uri === '/group') {
            cf.createRequestOriginGroup({originIds: ['a', 'b'], failoverCriteria: {statusCodes: [500, 503]}});
          } else if (event.request.uri === '/update') {
            cf.updateRequestOrigin({domainName: 'other.example.com', customHeaders: {'x-from': 'fn'}});
          } else {
            cf.selectRequestOriginById('api');
          }
          return event.request;
        }""")) {
      assertThat(f.run(EVENT).originChange()).contains("{\"select\":\"api\"}");
      assertThat(f.run(EVENT.replace("/media/index.mpd", "/group")).originChange())
          .contains("{\"group\":{\"originIds\":[\"a\",\"b\"],\"failoverCriteria\":{\"statusCodes\":[500,503]}}}");
      assertThat(f.run(EVENT.replace("/media/index.mpd", "/update")).originChange())
          .contains("{\"update\":{\"domainName\":\"other.example.com\",\"customHeaders\":{\"x-from\":\"fn\"}}}");
      var response = f.run(EVENT.replace("viewer-request", "viewer-response"));
      assertThat(response.error()).contains("Error: selectRequestOriginById can be used in viewer request functions only");
    }
    // a function that changes nothing says nothing
    try (CompiledFunction f = RUNTIME.compile("function handler(event) { return event.request; }")) {
      assertThat(f.run(EVENT).originChange()).isEmpty();
    }
  }

  @Test
  void forbiddenFeaturesFail() {
    for (String body : List.of("eval('1+1')", "new Function('return 1')()", "(function(){}).constructor('return 1')()",
        "setTimeout(function(){}, 1)", "require('fs')", "require('http')", "Java.type('java.lang.System')",
        "Polyglot.eval('js', '1')", "load('/etc/passwd')")) {
      FunctionRuntime.TestResult r = RUNTIME.test("function handler(event) { " + body + "; return event.request; }", EVENT);
      assertThat(r.functionErrorMessage()).as(body).isNotNull();
      assertThat(r.functionOutput()).as(body).isNull();
    }
  }

  @Test
  void aThrownErrorIsTheFunctionErrorAndLogsAreKept() {
    FunctionRuntime.TestResult r = RUNTIME.test("""
        function handler(event) { console.log('about to fail', {n: 1}); throw new Error('boom'); }""", EVENT);
    assertThat(r.functionErrorMessage()).isEqualTo("Error: boom");
    assertThat(r.functionExecutionLogs()).containsExactly("about to fail {\"n\":1}");
  }

  @Test
  void computeUtilizationIsReportedAndALoopIsStoppedAtTheBudget() {
    FunctionRuntime.TestResult quick = RUNTIME.test("function handler(event) { return event.request; }", EVENT);
    assertThat(quick.computeUtilization()).isBetween(0, 99);
    long t0 = System.nanoTime();
    FunctionRuntime.TestResult spin = RUNTIME.test("function handler(event) { while (true) {} }", EVENT);
    assertThat(spin.functionErrorMessage()).isEqualTo("The function exceeded its compute budget.");
    assertThat(spin.computeUtilization()).isEqualTo(100);
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000);
  }

  @Test
  void codeOver10KbIsRefused() {
    String big = "function handler(event) { return event.request; }\n//" + "x".repeat(FunctionRuntime.MAX_CODE_BYTES);
    assertThatThrownBy(() -> RUNTIME.compile(big)).isInstanceOf(FunctionException.class)
        .extracting(e -> ((FunctionException) e).kind()).isEqualTo(FunctionException.Kind.SIZE_LIMIT_EXCEEDED);
    assertThatThrownBy(() -> RUNTIME.compile("function handler(event) {")).isInstanceOf(FunctionException.class)
        .extracting(e -> ((FunctionException) e).kind()).isEqualTo(FunctionException.Kind.SYNTAX_ERROR);
  }

  @Test
  void oneCompiledFunctionRunsOnManyThreads() throws Exception {
    try (CompiledFunction f = RUNTIME.compile("""
        var n = 0;
        function handler(event) { n++; event.request.uri = '/x' + event.request.querystring.ID.value; return event.request; }""")) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<CompiledFunction.Run>> runs = new ArrayList<>();
      for (int i = 0; i < 40; i++) runs.add(pool.submit(() -> f.run(EVENT)));
      for (Future<CompiledFunction.Run> r : runs) assertThat(r.get().output().orElseThrow()).contains("\"uri\":\"/x42\"");
      pool.shutdown();
    }
  }
}
