package dev.stratus.route53.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.protocol.testing.ApiTestServer;
import dev.stratus.core.testing.MutableClock;
import dev.stratus.route53.Route53Module;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** A fresh Stratus with the Route 53 module, a movable clock and a Route53Client per test. */
abstract class Route53ItSupport {
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  ApiTestServer server;
  Route53Client r53;
  private int references;

  @BeforeEach
  void startServer() {
    server = ApiTestServer.start(clock, new Route53Module());
    r53 = server.client(Route53Client.builder());
  }

  @AfterEach
  void stopServer() {
    r53.close();
    server.close();
  }

  String zone(String name) {
    return r53.createHostedZone(b -> b.name(name).callerReference("ref-" + references++)).hostedZone().id();
  }

  ChangeResourceRecordSetsResponse change(String zoneId, Change... changes) {
    return r53.changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(c -> c.changes(changes)));
  }

  static Change change(ChangeAction action, ResourceRecordSet rrs) {
    return Change.builder().action(action).resourceRecordSet(rrs).build();
  }

  static ResourceRecordSet.Builder a(String name, long ttl, String... values) {
    return ResourceRecordSet.builder().name(name).type("A").ttl(ttl)
        .resourceRecords(List.of(values).stream().map(v -> ResourceRecord.builder().value(v).build()).toList());
  }

  /** Asserts the call fails with AWS error {@code code} and HTTP {@code status}. */
  static void assertAwsError(ThrowingCallable call, String code, int status) {
    assertThatThrownBy(call).isInstanceOf(AwsServiceException.class)
        .satisfies(e -> {
          var ase = (AwsServiceException) e;
          org.assertj.core.api.Assertions.assertThat(ase.awsErrorDetails().errorCode()).isEqualTo(code);
          org.assertj.core.api.Assertions.assertThat(ase.statusCode()).isEqualTo(status);
        });
  }

  static String message(ThrowingCallable call) {
    try {
      call.call();
    } catch (AwsServiceException e) {
      return e.awsErrorDetails().errorMessage();
    } catch (Throwable t) {
      throw new AssertionError("unexpected " + t, t);
    }
    throw new AssertionError("the call succeeded");
  }
}
