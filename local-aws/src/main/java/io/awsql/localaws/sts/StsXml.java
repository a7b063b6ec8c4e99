package io.awsql.localaws.sts;

import io.awsql.localaws.QueryXml;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes STS's awsQuery documents: {@code <XResponse>} in the 2011-06-15 namespace with the
 * {@code <XResult>} wrapper the model names and {@code <ResponseMetadata><RequestId>} last, and the
 * {@code <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>} error document. Unlike EC2,
 * result members are capitalised and wrapped; the JDK's StAX writer does the escaping.
 */
final class StsXml {
  static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
  static final String CONTENT_TYPE = "text/xml";
  /** STS writes timestamps as ISO-8601 in UTC without fractions: {@code 2026-03-01T13:00:00Z}. */
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private StsXml() {}

  /** Starts {@code <ActionResponse xmlns=...><ActionResult>}. */
  static QueryXml result(String action) {
    return QueryXml.document(action + "Response", NAMESPACE, false).start(action + "Result");
  }

  /** Closes the result and ends the document with {@code <ResponseMetadata><RequestId>}. */
  static String finish(QueryXml result, String requestId) {
    return result.end().start("ResponseMetadata").element("RequestId", requestId).end().finish() + "\n";
  }

  /** STS's error document; {@code Type} is Sender for the caller's mistakes, Receiver for the service's. */
  static String error(int httpStatus, String code, String message, String requestId) {
    return QueryXml.document("ErrorResponse", NAMESPACE, false).start("Error")
        .element("Type", httpStatus >= 500 ? "Receiver" : "Sender").element("Code", code)
        .element("Message", message).end().element("RequestId", requestId).finish() + "\n";
  }

  static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }
}
