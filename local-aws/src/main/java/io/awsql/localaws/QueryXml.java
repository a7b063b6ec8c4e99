package io.awsql.localaws;

import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * One XML answer of an AWS Query-protocol service (EC2, STS): elements written in order, escaped by the JDK's
 * StAX writer. Each service's own class says what its documents look like (root, namespace, metadata).
 */
public final class QueryXml {
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newInstance();

  private final StringWriter out = new StringWriter();
  private final XMLStreamWriter xml;

  private QueryXml(boolean declaration) {
    try {
      xml = FACTORY.createXMLStreamWriter(out);
      if (declaration) {
        xml.writeStartDocument("UTF-8", "1.0");
      }
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A document whose root is {@code root}, in {@code namespace} (null: none).
   *
   * @param declaration whether it starts with {@code <?xml version="1.0" encoding="UTF-8"?>}
   */
  public static QueryXml document(String root, String namespace, boolean declaration) {
    QueryXml doc = new QueryXml(declaration);
    doc.run(() -> {
      doc.xml.writeStartElement(root);
      if (namespace != null) {
        doc.xml.writeDefaultNamespace(namespace);
      }
    });
    return doc;
  }

  public QueryXml start(String name) {
    run(() -> xml.writeStartElement(name));
    return this;
  }

  public QueryXml end() {
    run(xml::writeEndElement);
    return this;
  }

  /** A text element; a null value writes nothing. */
  public QueryXml element(String name, Object value) {
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
  public QueryXml empty(String name) {
    run(() -> xml.writeEmptyElement(name));
    return this;
  }

  /** Closes every open element and returns the document. */
  public String finish() {
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
      throw new IllegalStateException("could not write the XML answer", e);
    }
  }

  private interface XmlStep {
    void run() throws XMLStreamException;
  }
}
