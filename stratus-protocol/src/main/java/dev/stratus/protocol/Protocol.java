package dev.stratus.protocol;

/** The five AWS wire protocols Stratus speaks, named as in the AWS service models. */
public enum Protocol {
  /** EC2's query variant: form parameters in, {@code <OpResponse>} XML out, {@code Name.N} lists. */
  EC2,
  /** AWS query (ELBv2): form parameters in, {@code <OpResponse><OpResult>} XML out. */
  QUERY,
  /** REST with XML bodies (Route 53, CloudFront). */
  REST_XML,
  /** REST with JSON bodies (API Gateway v1 and v2). */
  REST_JSON,
  /** JSON RPC over POST / with {@code X-Amz-Target} (WAFv2, Global Accelerator). */
  JSON
}
