package dev.stratus.s3;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Reads the small request documents S3 takes (Delete, CompleteMultipartUpload, …); no DTDs, no entities. */
final class XmlInput {
  private XmlInput() {}

  /** The root element, or MalformedXML. */
  static Element parse(byte[] body) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setNamespaceAware(true);
      f.setExpandEntityReferences(false);
      return f.newDocumentBuilder().parse(new ByteArrayInputStream(body)).getDocumentElement();
    } catch (Exception e) {
      throw S3Errors.malformedXml();
    }
  }

  /** Direct children named {@code name} (local name, any namespace). */
  static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    if (parent == null) return out;
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(localName(e))) out.add(e);
    }
    return out;
  }

  static Element child(Element parent, String name) {
    List<Element> c = children(parent, name);
    return c.isEmpty() ? null : c.get(0);
  }

  /** The text of child {@code name}, or null. */
  static String text(Element parent, String name) {
    Element c = child(parent, name);
    return c == null ? null : c.getTextContent();
  }

  static String localName(Element e) { return e.getLocalName() != null ? e.getLocalName() : e.getTagName(); }
}
