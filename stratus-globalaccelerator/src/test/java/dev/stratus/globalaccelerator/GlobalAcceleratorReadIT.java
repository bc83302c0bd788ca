package dev.stratus.globalaccelerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratus.protocol.testing.ApiTestServer;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorClient;
import software.amazon.awssdk.services.globalaccelerator.model.AcceleratorNotFoundException;
import software.amazon.awssdk.services.globalaccelerator.model.InvalidArgumentException;

/** Global Accelerator's read operations through the real SDK client (its API lives in us-west-2). */
class GlobalAcceleratorReadIT {
  static ApiTestServer server;
  static GlobalAcceleratorClient ga;

  @BeforeAll
  static void start() {
    server = ApiTestServer.start(Clock.systemUTC(), new GlobalAcceleratorModule());
    ga = server.client(GlobalAcceleratorClient.builder().region(Region.US_WEST_2));
  }

  @AfterAll
  static void stop() { server.close(); }

  @Test
  void listAccelerators_newAccount_isEmpty() {
    assertThat(ga.listAccelerators(r -> {}).accelerators()).isEmpty();
  }

  @Test
  void listAccelerators_maxResultsOutOfRange_isInvalidArgument() {
    assertThatThrownBy(() -> ga.listAccelerators(r -> r.maxResults(101))).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void describeAccelerator_unknown_isAcceleratorNotFound() {
    assertThatThrownBy(() -> ga.describeAccelerator(r -> r.acceleratorArn(
        "arn:aws:globalaccelerator::000000000000:accelerator/1234abcd-abcd-1234-abcd-1234abcdefgh")))
        .isInstanceOf(AcceleratorNotFoundException.class);
  }
}
