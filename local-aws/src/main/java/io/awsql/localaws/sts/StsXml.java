package io.awsql.localaws.sts;

import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes STS's awsQuery documents: {@code <XResponse>} in the 2011-06-15 namespace with the
 * {@code <XResult>} wrapper the model names and {@code <ResponseMetadata><RequestId>} last, and the
 * {@code <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>} error document. Unlike EC2,
 * result members are capitalised and wrapped; the JDK's StAX writer does the escaping.
 */
final class StsXml {
  static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
  static final String CONTENT_TYPE = "text/xml";
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newInstance();
  /** STS writes timestamps as ISO-8601 in UTC without fractions: {@code 2026-03-01T13:00:00Z}. */
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final StringWriter out = new StringWriter();
  private final XMLStreamWriter xml;

  private StsXml() {
    try {
      xml = FACTORY.createXMLStreamWriter(out);
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts {@code <ActionResponse xmlns=...><ActionResult>}. */
  static StsXml result(String action) {
    StsXml doc = new StsXml();
    doc.run(() -> {
      doc.xml.writeStartElement(action + "Response");
      doc.xml.writeDefaultNamespace(NAMESPACE);
      doc.xml.writeStartElement(action + "Result");
    });
    return doc;
  }

  /** STS's error document; {@code Type} is Sender for the caller's mistakes, Receiver for the service's. */
  static String error(int httpStatus, String code, String message, String requestId) {
    StsXml doc = new StsXml();
    doc.run(() -> {
      doc.xml.writeStartElement("ErrorResponse");
      doc.xml.writeDefaultNamespace(NAMESPACE);
    });
    doc.start("Error").element("Type", httpStatus >= 500 ? "Receiver" : "Sender").element("Code", code)
        .element("Message", message).end().element("RequestId", requestId);
    return doc.close();
  }

  static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }

  StsXml start(String name) {
    run(() -> xml.writeStartElement(name));
    return this;
  }

  StsXml end() {
    run(xml::writeEndElement);
    return this;
  }

  /** A text element; a null value writes nothing. */
  StsXml element(String name, Object value) {
    if (value != null) {
      run(() -> {
        xml.writeStartElement(name);
        xml.writeCharacters(value.toString());
        xml.writeEndElement();
      });
    }
    return this;
  }

  /** Closes the result and ends the document with {@code <ResponseMetadata><RequestId>}. */
  String finish(String requestId) {
    end();
    start("ResponseMetadata").element("RequestId", requestId).end();
    return close();
  }

  private String close() {
    run(() -> {
      xml.writeEndDocument();
      xml.close();
    });
    return out.toString() + "\n";
  }

  private void run(XmlStep step) {
    try {
      step.run();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("could not write STS XML", e);
    }
  }

  private interface XmlStep {
    void run() throws XMLStreamException;
  }
}
