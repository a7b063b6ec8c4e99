package io.awsql.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which 200 bodies are answers of an AWS API, and which must not be read as a (possibly empty) page. */
class AnswerCheckTest {
  private static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<DescribeStoreImageTasksResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
      + "<requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId><storeImageTaskResultSet/>"
      + "</DescribeStoreImageTasksResponse>";
  private static final String JSON = "{\"imageSetPropertiesList\":[{\"versionId\":\"1\","
      + "\"message\":\"a } and a \\\" \"}],\"nextToken\":null}";

  @Test
  void realAnswersPass() {
    assertNull(AnswerCheck.problem(XML, "text/xml;charset=UTF-8"));
    assertNull(AnswerCheck.problem(JSON, "application/json"));
  }

  @Test
  void emptyForeignAndCutShortBodiesAreNoAnswers() {
    assertEquals("an empty body", AnswerCheck.problem("", "text/xml"));
    assertTrue(AnswerCheck.problem("<!DOCTYPE html><html><body>Sign in</body></html>", "text/html")
        .startsWith("an HTML page: \"<!DOCTYPE html>"));
    assertTrue(AnswerCheck.problem("<html><body>Sign in</body></html>", "text/xml")
        .startsWith("XML that is no AWS answer"), "HTML without its content type");
    assertTrue(AnswerCheck.problem(XML.substring(0, XML.length() - 20), "text/xml")
        .startsWith("an XML answer cut short"));
    assertTrue(AnswerCheck.problem(JSON.substring(0, JSON.length() - 1), "application/json")
        .startsWith("a JSON answer cut short"));
    assertTrue(AnswerCheck.problem("OK", "text/plain").startsWith("a body that is neither"));
  }

  @Test
  void quotesAreShortAndOnOneLine() {
    String quoted = AnswerCheck.quote("<p>\n" + "x".repeat(500) + "\u0007</p>");
    assertTrue(quoted.length() <= AnswerCheck.QUOTED + 5, quoted);
    assertTrue(!quoted.contains("\n") && !quoted.contains("\u0007"), quoted);
  }
}
