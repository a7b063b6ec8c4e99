package io.awsql.localaws;

/** What can go wrong with one call, in each protocol's own terms when rendered. */
public enum Fault {
  /** The service refuses for rate: EC2 {@code RequestLimitExceeded} 503, REST-JSON {@code ThrottlingException} 429. */
  THROTTLE,
  /** The service fails: EC2 {@code InternalError} 500, REST-JSON {@code InternalServerException} 500. */
  INTERNAL_ERROR,
  /** The answer arrives late by the rule's latency, then normally. */
  LATENCY,
  /**
   * The answer waits until the rule's {@code parties} calls wait at once, then all go on (at most the rule's
   * latency): shows calls made in parallel without depending on how fast the machine is.
   */
  HELD,
  /** The answer is the real one cut in half: a body no client can parse. */
  MALFORMED_BODY,
  /** HTTP 200 with an empty body, as a misbehaving proxy delivers it; the call itself was carried out. */
  EMPTY_OK,
  /** HTTP 200 with an HTML page, as a captive portal or proxy answers; the call itself was carried out. */
  HTML_PAGE
}
