package dev.stratus.net.http;

import io.netty.handler.codec.http.FullHttpResponse;
import java.util.concurrent.CompletionStage;

/**
 * What an HTTP data plane does with a request that passed the guard and the filter chain: ALB
 * listener rules, CloudFront behaviors, API Gateway routes. Called on the connection's event
 * loop: do not block; hand slow work to a virtual thread and complete the stage from there.
 * The front end sets Content-Length (when absent) and the keep-alive headers on the response;
 * a stage completed exceptionally answers 500 (logged once per exception class).
 */
@FunctionalInterface
public interface HttpService {
  CompletionStage<FullHttpResponse> serve(HttpExchange exchange);
}
