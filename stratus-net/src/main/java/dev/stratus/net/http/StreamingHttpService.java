package dev.stratus.net.http;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import java.util.concurrent.CompletionStage;

/**
 * An {@link HttpService} that takes some request bodies as a file instead of an aggregated
 * buffer (S3 PutObject and UploadPart: up to 5 GiB, far past any listener's in-memory body
 * limit). When a request with a body arrives, the front end asks {@link #plan} with the request's
 * head; a {@link BodyPlan.Spool} has the body written to a file in the plan's directory as it
 * arrives (reading pauses while the disk lags), and the service then gets
 * {@link #serve(HttpExchange, SpooledBody)} with an exchange whose request has an empty content.
 * Requests planned {@link BodyPlan.Aggregate} go to {@link #serve(HttpExchange)} as usual.
 */
public interface StreamingHttpService extends HttpService {

  /** Called on the event loop with the head of a request that has a body: do not block. */
  BodyPlan plan(HttpRequest head);

  /**
   * A request whose body was spooled. The front end deletes the file when the stage completes,
   * unless the service moved it elsewhere (which it may do with the file it is given).
   */
  CompletionStage<FullHttpResponse> serve(HttpExchange exchange, SpooledBody body);
}
