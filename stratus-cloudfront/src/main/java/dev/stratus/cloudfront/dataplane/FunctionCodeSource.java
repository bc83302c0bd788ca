package dev.stratus.cloudfront.dataplane;

import java.util.Optional;

/**
 * What the edge reads of CloudFront Functions: the LIVE stage of a function by ARN (the control
 * plane's {@code CloudFrontView.liveFunction}). Read when a distribution is deployed to the edge.
 */
public interface FunctionCodeSource {

  /**
   * A function's LIVE code.
   *
   * @param keyValueStoreId the associated key value store's id ({@code cloudfront.kvs()} without an id), or null
   */
  record LiveFunction(String arn, String runtime, String code, String keyValueStoreId) {}

  Optional<LiveFunction> liveFunction(String functionArn);
}
