package dev.stratus.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.protocol.testing.ApiTestServer;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.RoutingRule;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Static website hosting: configuration through the SDK, the website endpoint through plain HTTP. */
class S3WebsiteIT {
  static final String SITE = "www-site";
  static ApiTestServer server;
  static S3Client s3;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(Clock.systemUTC(), new S3Module());
    s3 = S3Clients.pathStyle(server);
    s3.createBucket(b -> b.bucket(SITE));
    s3.putBucketPolicy(p -> p.bucket(SITE).policy(S3AccessIT.publicRead(SITE)));
    put("index.html", "<h1>home</h1>");
    put("error.html", "<h1>oops</h1>");
    put("docs/index.html", "<h1>docs</h1>");
    put("about.html", "<h1>about</h1>");
    s3.putBucketWebsite(w -> w.bucket(SITE).websiteConfiguration(c -> c.indexDocument(i -> i.suffix("index.html"))
        .errorDocument(e -> e.key("error.html"))
        .routingRules(RoutingRule.builder().condition(x -> x.keyPrefixEquals("old/"))
            .redirect(r -> r.replaceKeyPrefixWith("docs/").httpRedirectCode("301")).build())));
  }

  @AfterAll
  static void stop() { server.close(); }

  static void put(String key, String html) {
    s3.putObject(p -> p.bucket(SITE).key(key).contentType("text/html"), RequestBody.fromString(html));
  }

  static String site(String path) { return "http://" + SITE + ".s3-website-us-east-1.localhost:" + server.port() + path; }

  @Test
  void websiteEndpoint_servesIndexAndObjects() {
    var home = S3Raw.get(site("/"));
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body()).isEqualTo("<h1>home</h1>");
    assertThat(home.headers().firstValue("Content-Type")).contains("text/html");
    assertThat(S3Raw.get(site("/about.html")).body()).isEqualTo("<h1>about</h1>");
    assertThat(S3Raw.get(site("/docs/")).body()).isEqualTo("<h1>docs</h1>");
    assertThat(S3Raw.get("http://" + SITE + ".s3-website.us-east-1.localhost:" + server.port() + "/").body()).isEqualTo("<h1>home</h1>");
  }

  @Test
  void websiteEndpoint_folderWithoutSlash_redirects302() {
    var r = S3Raw.get(site("/docs"));
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location")).contains("/docs/");
  }

  @Test
  void websiteEndpoint_missingKeyWithoutListBucket_servesErrorDocumentWith403() {
    var r = S3Raw.get(site("/missing.html"));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).isEqualTo("<h1>oops</h1>");
  }

  @Test
  void websiteEndpoint_missingKeyWithListBucket_servesErrorDocumentWith404() {
    s3.createBucket(b -> b.bucket("listable-site"));
    s3.putBucketPolicy(p -> p.bucket("listable-site").policy("""
        {"Statement":[{"Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:ListBucket"],
         "Resource":["arn:aws:s3:::listable-site","arn:aws:s3:::listable-site/*"]}]}"""));
    s3.putBucketWebsite(w -> w.bucket("listable-site").websiteConfiguration(c -> c.indexDocument(i -> i.suffix("index.html"))));
    var r = S3Raw.get("http://listable-site.s3-website-us-east-1.localhost:" + server.port() + "/missing.html");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("<li>Code: NoSuchKey</li>").contains("<li>Key: missing.html</li>");
  }

  @Test
  void websiteEndpoint_routingRule_redirects() {
    var r = S3Raw.get(site("/old/page.html"));
    assertThat(r.statusCode()).isEqualTo(301);
    assertThat(r.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/docs/page.html"));
  }

  @Test
  void websiteEndpoint_errorsAreHtml() {
    s3.createBucket(b -> b.bucket("no-website"));
    var none = S3Raw.get("http://no-website.s3-website-us-east-1.localhost:" + server.port() + "/");
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(none.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(none.body()).contains("<h1>404 Not Found</h1>").contains("<li>Code: NoSuchWebsiteConfiguration</li>");
    var missing = S3Raw.get("http://no-such-bucket-x.s3-website-us-east-1.localhost:" + server.port() + "/");
    assertThat(missing.body()).contains("<li>Code: NoSuchBucket</li>").contains("<li>BucketName: no-such-bucket-x</li>");

    s3.createBucket(b -> b.bucket("private-site"));
    s3.putBucketWebsite(w -> w.bucket("private-site").websiteConfiguration(c -> c.indexDocument(i -> i.suffix("index.html"))));
    s3.putObject(p -> p.bucket("private-site").key("index.html"), RequestBody.fromString("x"));
    var denied = S3Raw.get("http://private-site.s3-website-us-east-1.localhost:" + server.port() + "/");
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.body()).contains("<h1>403 Forbidden</h1>").contains("<li>Code: AccessDenied</li>");
    var post = S3Raw.send("POST", site("/"), "x");
    assertThat(post.statusCode()).isEqualTo(405);
  }

  @Test
  void redirectAllRequests_sendsEveryPathToTheHost() {
    s3.createBucket(b -> b.bucket("apex-site"));
    s3.putBucketWebsite(w -> w.bucket("apex-site").websiteConfiguration(c -> c.redirectAllRequestsTo(r -> r.hostName("www.example.com").protocol("https"))));
    var r = S3Raw.get("http://apex-site.s3-website-us-east-1.localhost:" + server.port() + "/a/b");
    assertThat(r.statusCode()).isEqualTo(301);
    assertThat(r.headers().firstValue("Location")).contains("https://www.example.com/a/b");
  }

  @Test
  void getAndDeleteBucketWebsite_roundTrip() {
    var got = s3.getBucketWebsite(g -> g.bucket(SITE));
    assertThat(got.indexDocument().suffix()).isEqualTo("index.html");
    assertThat(got.errorDocument().key()).isEqualTo("error.html");
    assertThat(got.routingRules()).singleElement().satisfies(r -> assertThat(r.redirect().replaceKeyPrefixWith()).isEqualTo("docs/"));
    s3.createBucket(b -> b.bucket("short-site"));
    s3.putBucketWebsite(w -> w.bucket("short-site").websiteConfiguration(c -> c.indexDocument(i -> i.suffix("index.html"))));
    s3.deleteBucketWebsite(d -> d.bucket("short-site"));
    assertThatThrownBy(() -> s3.getBucketWebsite(g -> g.bucket("short-site")))
        .isInstanceOfSatisfying(S3Exception.class, e -> {
          assertThat(e.statusCode()).isEqualTo(404);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchWebsiteConfiguration");
        });
    assertThatThrownBy(() -> s3.putBucketWebsite(w -> w.bucket("short-site").websiteConfiguration(c -> c.indexDocument(i -> i.suffix("a/b")))))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument"));
  }
}
