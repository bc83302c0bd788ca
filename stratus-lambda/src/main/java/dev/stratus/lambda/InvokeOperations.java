package dev.stratus.lambda;

import dev.stratus.core.RequestContext;
import dev.stratus.core.store.Store;
import dev.stratus.lambda.model.LambdaRules;
import dev.stratus.lambda.runtime.FunctionRuntime;
import dev.stratus.lambda.runtime.RuntimeResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Invoke: RequestResponse runs the function and answers its result (200, with
 * {@code X-Amz-Function-Error} when it failed), Event queues it (202), DryRun only checks (204).
 */
public final class InvokeOperations {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** Lambda's synchronous payload limit. */
  private static final int MAX_PAYLOAD = 6 * 1024 * 1024;
  /** What LogType Tail returns: the last 4 KB of the invocation's log. */
  private static final int TAIL = 4096;

  private final Store store;
  private final Invocations invocations;

  InvokeOperations(Store store, Invocations invocations) {
    this.store = store;
    this.invocations = invocations;
  }

  public InvokeResponse invoke(RequestContext ctx, InvokeRequest req) {
    var ref = LambdaRules.parseFunctionName(req.functionName(), "functionName");
    var target = Functions.resolve(store, ctx, ref, req.qualifier(), true);
    byte[] payload = req.payload() == null ? new byte[0] : req.payload().asByteArray();
    if (payload.length > MAX_PAYLOAD) {
      throw new dev.stratus.core.AwsException("RequestTooLargeException", 413,
          "Request must be smaller than " + MAX_PAYLOAD + " bytes for the InvokeFunction operation");
    }
    if (payload.length == 0) {
      payload = "{}".getBytes(StandardCharsets.UTF_8);
    } else {
      try {
        JSON.readTree(payload);
      } catch (JacksonException e) {
        throw LambdaErrors.invalidRequestContent("Could not parse request body into json: Could not parse payload into json: "
            + e.getOriginalMessage());
      }
    }
    String type = req.invocationTypeAsString() == null ? "RequestResponse" : req.invocationTypeAsString();
    var fn = target.config();
    String version = target.executedVersion();
    String invokedArn = target.latest().functionArn() + (target.qualifier() == null ? "" : ":" + target.qualifier());
    switch (type) {
      case "DryRun" -> {
        return InvokeResponse.builder().statusCode(204).build();
      }
      case "Event" -> {
        byte[] event = payload;
        Thread.ofVirtual().name("lambda-event-" + fn.functionName()).start(() -> {
          try {
            invocations.invoke(fn, version, event, invokedArn, Duration.ofSeconds(fn.timeout()), false);
          } catch (FunctionRuntime.StartFailure e) {
            // an asynchronous invocation's failure goes to its destination; Stratus has none
          }
        });
        return InvokeResponse.builder().statusCode(202).build();
      }
      case "RequestResponse" -> {
        RuntimeResult result;
        try {
          result = invocations.invoke(fn, version, payload, invokedArn, Duration.ofSeconds(fn.timeout()),
              "Tail".equals(req.logTypeAsString()));
        } catch (FunctionRuntime.StartFailure e) {
          throw LambdaErrors.service(e.getMessage());
        }
        var out = InvokeResponse.builder().statusCode(200).executedVersion(version)
            .functionError(result.functionError()).payload(SdkBytes.fromByteArray(result.payload()));
        if ("Tail".equals(req.logTypeAsString())) out.logResult(tail(result.log()));
        return out.build();
      }
      default -> throw LambdaErrors.validation(type, "invocationType",
          "Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
    }
  }

  /** The base64 of the log's last 4 KB. */
  static String tail(String log) {
    byte[] b = log.getBytes(StandardCharsets.UTF_8);
    int from = Math.max(0, b.length - TAIL);
    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(b, from, b.length));
  }
}
