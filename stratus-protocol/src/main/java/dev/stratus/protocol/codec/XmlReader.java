package dev.stratus.protocol.codec;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait.Format;
import software.amazon.awssdk.core.traits.XmlAttributeTrait;

/**
 * Reads a rest-xml request body into SDK structures, the mirror of the SDK's XML marshaller:
 * child elements named by each field's location name, wrapped lists of member elements (or
 * repeated elements when flattened), {@code <entry><key/><value/></entry>} maps. DTDs and
 * external entities are refused.
 */
final class XmlReader {
  /** Configured once; handlers run on fresh virtual threads, so no per-thread caching. */
  private static final DocumentBuilderFactory FACTORY = newFactory();

  /** Fails on errors without printing to stderr (the JDK default handler prints). */
  private static final org.xml.sax.ErrorHandler SILENT = new org.xml.sax.ErrorHandler() {
    @Override public void warning(org.xml.sax.SAXParseException e) { }
    @Override public void error(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException { throw e; }
    @Override public void fatalError(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException { throw e; }
  };

  private XmlReader() {}

  /** Parses a document; anything but well-formed XML is a malformed-body error. */
  static Element parse(byte[] body) {
    try {
      DocumentBuilder parser;
      synchronized (FACTORY) {
        parser = FACTORY.newDocumentBuilder();
      }
      parser.setErrorHandler(SILENT);
      return parser.parse(new ByteArrayInputStream(body)).getDocumentElement();
    } catch (Exception e) {
      throw WireFormatException.malformed(e.getMessage());
    }
  }

  /** Sets the payload members of {@code builder} from the children of {@code element}. */
  static void readFields(Element element, SdkPojo builder, String path) {
    for (SdkField<?> field : builder.sdkFields()) {
      if (field.location() != MarshallLocation.PAYLOAD) continue;
      Object value;
      if (field.containsTrait(XmlAttributeTrait.class)) {
        String attr = element.getAttribute(field.locationName());
        value = attr.isEmpty() ? null : scalar(field, attr, path + field.locationName());
      } else {
        value = readMember(element, field, field.locationName(), path);
      }
      if (value != null) {
        field.set(builder, value);
      } else if (RequiredMembers.isRequired(builder, field)) {
        throw WireFormatException.missing(path + field.locationName());
      }
    }
  }

  /** Builds the structure of {@code field} from {@code element}. */
  static SdkPojo readStructure(Element element, SdkField<?> field, String path) {
    SdkPojo builder = field.constructor().get();
    readFields(element, builder, path);
    return SdkShapes.build(builder);
  }

  private static Object readMember(Element parent, SdkField<?> field, String name, String path) {
    if (field.marshallingType().getKnownType() == software.amazon.awssdk.core.protocol.MarshallingKnownType.LIST
        && field.getTrait(ListTrait.class).isFlattened()) {
      List<Element> items = children(parent, name);
      if (items.isEmpty()) return null;
      List<Object> list = new ArrayList<>();
      for (Element item : items) list.add(value(item, field.getTrait(ListTrait.class).memberFieldInfo(), path + name));
      return list;
    }
    Element child = firstChild(parent, name);
    return child == null ? null : value(child, field, path + name);
  }

  private static Object value(Element element, SdkField<?> field, String path) {
    return switch (field.marshallingType().getKnownType()) {
      case SDK_POJO -> readStructure(element, field, path + ".");
      case LIST -> {
        ListTrait trait = field.getTrait(ListTrait.class);
        String member = trait.memberLocationName() != null ? trait.memberLocationName()
            : trait.memberFieldInfo().locationName() != null ? trait.memberFieldInfo().locationName() : "member";
        List<Object> list = new ArrayList<>();
        for (Element item : children(element, member)) list.add(value(item, trait.memberFieldInfo(), path));
        yield list;
      }
      case MAP -> {
        MapTrait trait = field.getTrait(MapTrait.class);
        String keyName = trait.keyLocationName() != null ? trait.keyLocationName() : "key";
        String valueName = trait.valueLocationName() != null ? trait.valueLocationName() : "value";
        Map<String, Object> map = new LinkedHashMap<>();
        for (Element entry : children(element, "entry")) {
          Element k = firstChild(entry, keyName);
          Element v = firstChild(entry, valueName);
          if (k == null) throw WireFormatException.missing(path + "." + keyName);
          map.put(k.getTextContent(), v == null ? null : value(v, trait.valueFieldInfo(), path));
        }
        yield map;
      }
      case DOCUMENT -> null;
      default -> scalar(field, element.getTextContent(), path);
    };
  }

  private static Object scalar(SdkField<?> field, String text, String path) {
    try {
      return Scalars.parse(field, text, Scalars.timestampFormat(field, Format.ISO_8601));
    } catch (WireFormatException e) {
      throw e.at(path);
    }
  }

  static Element firstChild(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(localName(e))) return e;
    }
    return null;
  }

  static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(localName(e))) out.add(e);
    }
    return out;
  }

  static String localName(Element e) {
    String n = e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    int colon = n.indexOf(':');
    return colon < 0 ? n : n.substring(colon + 1);
  }

  private static DocumentBuilderFactory newFactory() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      return f;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }
}
