package dev.stratus.protocol.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratus.core.RequestContext;
import dev.stratus.protocol.testing.ApiTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse;

/** Raw HTTP: unknown operations, malformed bodies, shape violations, health and size limits. */
class WireErrorsIT {
  static ApiTestServer server;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  /** A handler so that EC2 has one implemented operation. */
  public static final class Handlers {
    public DescribeVpcsResponse describeVpcs(RequestContext c, DescribeVpcsRequest r) {
      return DescribeVpcsResponse.builder().build();
    }
  }

  @BeforeAll static void start() { server = ApiTestServer.start(new Handlers()); }

  @AfterAll static void stop() { server.close(); }

  static String auth(String service) {
    return "AWS4-HMAC-SHA256 Credential=123456789012/20261122/eu-west-1/" + service
        + "/aws4_request, SignedHeaders=host, Signature=abc";
  }

  static HttpResponse<String> post(String path, String service, String contentType, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.endpoint() + path))
        .header("Authorization", auth(service)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";

  @Test void health_get_answersRunning() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/_stratus/health")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"status\":\"running\"}");
  }

  @Test void ec2_unknownAction_answersInvalidAction() throws Exception {
    HttpResponse<String> r = post("/", "ec2", FORM, "Action=DescribeUnicorns&Version=2016-11-15");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("<Response><Errors><Error><Code>InvalidAction</Code>")
        .contains("The action DescribeUnicorns is not valid for this web service.").contains("<RequestID>");
  }

  @Test void ec2_missingRequiredParameter_answersMissingParameter() throws Exception {
    HttpResponse<String> r = post("/", "ec2", FORM, "Action=DeleteVpc&Version=2016-11-15");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("<Code>MissingParameter</Code>")
        .contains("<Message>The request must contain the parameter VpcId</Message>");
  }

  @Test void ec2_wrongScalarType_answersInvalidParameterValue() throws Exception {
    HttpResponse<String> r = post("/", "ec2", FORM, "Action=DescribeVpcs&Version=2016-11-15&MaxResults=lots");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("<Code>InvalidParameterValue</Code>").contains("lots");
  }

  @Test void ec2_getQueryString_isAccepted() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.endpoint()
        + "/?Action=DescribeVpcs&Version=2016-11-15")).header("Authorization", auth("ec2")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("<DescribeVpcsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>");
  }

  @Test void query_unknownAction_answersErrorResponseEnvelope() throws Exception {
    HttpResponse<String> r = post("/", "elasticloadbalancing", FORM, "Action=Frobnicate&Version=2015-12-01");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("<ErrorResponse xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\"><Error><Type>Sender</Type><Code>InvalidAction</Code>");
  }

  @Test void query_missingRequired_answersValidationError() throws Exception {
    HttpResponse<String> r = post("/", "elasticloadbalancing", FORM, "Action=DeleteLoadBalancer&Version=2015-12-01");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("<Code>ValidationError</Code>")
        .contains("Value null at 'loadBalancerArn' failed to satisfy constraint: Member must not be null");
  }

  @Test void json_unknownTarget_answersUnknownOperationException() throws Exception {
    HttpResponse<String> r = post("/", "wafv2", "application/x-amz-json-1.1", "{}", "X-Amz-Target", "AWSWAF_20190729.Bogus");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
    assertThat(r.body()).contains("\"__type\":\"UnknownOperationException\"");
  }

  @Test void json_malformedBody_answersSerializationException() throws Exception {
    HttpResponse<String> r = post("/", "wafv2", "application/x-amz-json-1.1", "{\"Scope\":", "X-Amz-Target", "AWSWAF_20190729.ListWebACLs");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("\"__type\":\"SerializationException\"");
  }

  @Test void json_wrongType_answersSerializationException() throws Exception {
    HttpResponse<String> r = post("/", "wafv2", "application/x-amz-json-1.1", "{\"Scope\":\"REGIONAL\",\"Limit\":\"ten\"}",
        "X-Amz-Target", "AWSWAF_20190729.ListWebACLs");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("\"__type\":\"SerializationException\"");
  }

  @Test void json_missingRequired_answersValidationException() throws Exception {
    HttpResponse<String> r = post("/", "wafv2", "application/x-amz-json-1.1", "{}", "X-Amz-Target", "AWSWAF_20190729.ListWebACLs");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("\"__type\":\"ValidationException\"").contains("Value null at 'scope'");
  }

  @Test void json_knownOperationWithoutHandler_answers501() throws Exception {
    HttpResponse<String> r = post("/", "globalaccelerator", "application/x-amz-json-1.1", "{}",
        "X-Amz-Target", "GlobalAccelerator_V20180706.ListAccelerators");

    assertThat(r.statusCode()).isEqualTo(501);
    assertThat(r.body()).contains("\"__type\":\"NotImplemented\"").contains("ListAccelerators");
  }

  @Test void restXml_malformedXml_answersInvalidInput() throws Exception {
    HttpResponse<String> r = post("/2013-04-01/hostedzone", "route53", "text/xml", "<CreateHostedZoneRequest><Name>");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("<ErrorResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><Error><Type>Sender</Type><Code>InvalidInput</Code>");
  }

  @Test void restXml_doctype_isRefused() throws Exception {
    HttpResponse<String> r = post("/2013-04-01/hostedzone", "route53", "text/xml",
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><CreateHostedZoneRequest><Name>&e;</Name></CreateHostedZoneRequest>");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("<Code>InvalidInput</Code>").doesNotContain("root:");
  }

  @Test void restXml_unknownPath_answers404() throws Exception {
    HttpResponse<String> r = post("/2013-04-01/unicorns", "route53", "text/xml", "");

    assertThat(r.statusCode()).isEqualTo(404);
  }

  @Test void restJson_malformedBody_answersBadRequest() throws Exception {
    HttpResponse<String> r = post("/restapis", "apigateway", "application/json", "{nope");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("BadRequestException");
    assertThat(r.body()).startsWith("{\"message\":");
  }

  @Test void unsignedRequest_unknownService_answers400() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/nothing/here")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownService");
    assertThat(r.body()).contains("Stratus cannot tell which AWS service this request is for");
  }

  @Test void unknownService_query_answersXmlErrorResponse() throws Exception {
    HttpResponse<String> r = post("/", "sns", FORM, "Action=ListTopics&Version=2010-03-31");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("<ErrorResponse>").contains("<Type>Sender</Type>")
        .contains("<Code>UnknownService</Code>").contains("<Message>Stratus does not serve the AWS service 'sns'</Message>")
        .contains("<RequestId>");
  }

  @Test void unknownService_json_answersJsonType() throws Exception {
    HttpResponse<String> r = post("/", "dynamodb", "application/x-amz-json-1.0", "{}",
        "X-Amz-Target", "DynamoDB_20120810.ListTables");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
    assertThat(r.body()).isEqualTo("{\"__type\":\"UnknownService\",\"message\":\"Stratus does not serve the AWS service 'dynamodb'\"}");
  }

  @Test void unknownService_restXml_answersXmlErrorResponse() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/my-bucket"))
        .header("Authorization", auth("s3")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("<ErrorResponse>").contains("<Code>UnknownService</Code>");
  }

  @Test void garbageOnTheSocket_closesConnectionAndServerKeepsServing() throws Exception {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
      s.getOutputStream().write("\u0000\u0001GARBAGE %%% \r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      s.setSoTimeout(5000);
      s.getInputStream().readAllBytes();
    }

    health_get_answersRunning();
  }

  @Test void pipelinedRequests_answeredInOrder() throws Exception {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
      StringBuilder both = new StringBuilder();
      for (String action : new String[] {"DescribeVpcs", "DescribeUnicorns", "DescribeVpcs"}) {
        String body = "Action=" + action + "&Version=2016-11-15";
        both.append("POST / HTTP/1.1\r\nHost: x\r\nAuthorization: ").append(auth("ec2"))
            .append("\r\nContent-Type: ").append(FORM).append("\r\nContent-Length: ").append(body.length())
            .append("\r\n\r\n").append(body);
      }
      both.append("GET /_stratus/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      s.getOutputStream().write(both.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      s.setSoTimeout(5000);
      String response = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

      int first = response.indexOf("<DescribeVpcsResponse");
      int second = response.indexOf("InvalidAction");
      int third = response.indexOf("<DescribeVpcsResponse", second);
      int fourth = response.indexOf("{\"status\":\"running\"}");
      assertThat(first).isNotNegative();
      assertThat(second).isGreaterThan(first);
      assertThat(third).isGreaterThan(second);
      assertThat(fourth).isGreaterThan(third);
    }
  }

  @Test void badPercentEncoding_isToleratedNotInternalFailure() throws Exception {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
      s.getOutputStream().write(("GET /2013-04-01/hostedzone/%zz/rrset HTTP/1.1\r\nHost: x\r\nAuthorization: " + auth("route53")
          + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      s.setSoTimeout(5000);
      String response = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

      assertThat(response).contains("<ErrorResponse").doesNotContain("InternalFailure");
    }
  }

  @Test void oversizedBody_answers413AndServerKeepsServing() throws Exception {
    byte[] big = new byte[17 * 1024 * 1024];
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
        .header("Authorization", auth("ec2")).POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(413);
    health_get_answersRunning();
  }
}
