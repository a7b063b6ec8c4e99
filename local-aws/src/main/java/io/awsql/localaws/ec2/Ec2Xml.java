package io.awsql.localaws.ec2;

import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes EC2 Query protocol response documents: the action's {@code <XResponse>} root in the
 * 2016-11-15 namespace with {@code requestId} first, and EC2's {@code <Response><Errors>} error document.
 * The JDK's StAX writer does the escaping.
 */
final class Ec2Xml {
  static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
  static final String CONTENT_TYPE = "text/xml;charset=UTF-8";
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newInstance();
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final StringWriter out = new StringWriter();
  private final XMLStreamWriter xml;

  private Ec2Xml() {
    try {
      xml = FACTORY.createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts {@code <ActionResponse xmlns=...><requestId>id</requestId>}. */
  static Ec2Xml response(String action, String requestId) {
    Ec2Xml doc = new Ec2Xml();
    doc.run(() -> {
      doc.xml.writeStartElement(action + "Response");
      doc.xml.writeDefaultNamespace(NAMESPACE);
    });
    doc.element("requestId", requestId);
    return doc;
  }

  /** EC2's error document, the same for every action. */
  static String error(String code, String message, String requestId) {
    Ec2Xml doc = new Ec2Xml();
    doc.start("Response").start("Errors").start("Error")
        .element("Code", code).element("Message", message)
        .end().end()
        .element("RequestID", requestId);
    return doc.finish();
  }

  static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }

  Ec2Xml start(String name) {
    run(() -> xml.writeStartElement(name));
    return this;
  }

  Ec2Xml end() {
    run(xml::writeEndElement);
    return this;
  }

  /** A text element; a null value writes nothing. */
  Ec2Xml element(String name, Object value) {
    if (value != null) {
      run(() -> {
        xml.writeStartElement(name);
        xml.writeCharacters(value.toString());
        xml.writeEndElement();
      });
    }
    return this;
  }

  /** An element that is present but empty, as AWS sends for some absent strings. */
  Ec2Xml empty(String name) {
    run(() -> xml.writeEmptyElement(name));
    return this;
  }

  String finish() {
    run(() -> {
      xml.writeEndDocument();
      xml.close();
    });
    return out.toString();
  }

  private void run(XmlStep step) {
    try {
      step.run();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("could not write EC2 XML", e);
    }
  }

  private interface XmlStep {
    void run() throws XMLStreamException;
  }
}
