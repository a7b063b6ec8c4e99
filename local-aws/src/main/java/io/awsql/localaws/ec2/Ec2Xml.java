package io.awsql.localaws.ec2;

import io.awsql.localaws.QueryXml;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * EC2's Query protocol documents: the action's {@code <XResponse>} root in the 2016-11-15 namespace with
 * {@code requestId} first, and EC2's {@code <Response><Errors>} error document.
 */
final class Ec2Xml {
  static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
  static final String CONTENT_TYPE = "text/xml;charset=UTF-8";
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Ec2Xml() {}

  /** Starts {@code <ActionResponse xmlns=...><requestId>id</requestId>}. */
  static QueryXml response(String action, String requestId) {
    return QueryXml.document(action + "Response", NAMESPACE, true).element("requestId", requestId);
  }

  /** EC2's error document, the same for every action. */
  static String error(String code, String message, String requestId) {
    return QueryXml.document("Response", null, true).start("Errors").start("Error")
        .element("Code", code).element("Message", message)
        .end().end()
        .element("RequestID", requestId)
        .finish();
  }

  static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }
}
