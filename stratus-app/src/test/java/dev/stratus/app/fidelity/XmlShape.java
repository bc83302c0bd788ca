package dev.stratus.app.fidelity;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The element paths of a REST-XML response ({@code HostedZone.Config.PrivateZone}, below the
 * root element) with the texts found at each leaf, and the comparison of AWS's example with
 * Stratus's answer, as {@link OutputShape} compares the CLI's JSON: every path of the example
 * must be in Stratus's answer, and where the example's text is a constant (a boolean, an enum
 * value of the model, an id the test made) Stratus must show that text at that path (for
 * repeated elements: in at least one). XML carries no types, so there is no type check.
 */
final class XmlShape {
  /** Path → the leaf texts at it (an empty list for an element with element children). */
  private final Map<String, List<String>> paths = new LinkedHashMap<>();
  /** Paths whose element has no element children and no text (an empty list wrapper). */
  private final List<String> empty = new ArrayList<>();

  /** Parses {@code xml}; throws IllegalArgumentException when it is not well-formed XML. */
  XmlShape(String xml) {
    Element root;
    try {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(false);
      factory.setExpandEntityReferences(false);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      root = factory.newDocumentBuilder()
          .parse(new ByteArrayInputStream(xml.strip().getBytes(StandardCharsets.UTF_8))).getDocumentElement();
    } catch (Exception e) {
      throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
    }
    walk("", root);
  }

  private void walk(String path, Element element) {
    List<Element> children = new ArrayList<>();
    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) children.add(e);
    }
    if (!path.isEmpty()) {
      List<String> values = paths.computeIfAbsent(path, k -> new ArrayList<>());
      if (children.isEmpty()) {
        String text = element.getTextContent().strip();
        values.add(text);
        if (text.isEmpty()) empty.add(path);
      }
    }
    for (Element child : children) walk(path.isEmpty() ? child.getTagName() : path + "." + child.getTagName(), child);
  }

  /** The differences of {@code actual} (Stratus's) from this (AWS's example); {@code constant} says which texts are compared by value. */
  List<OutputShape.Difference> differences(XmlShape actual, Predicate<String> constant, Map<String, String> ids) {
    List<OutputShape.Difference> out = new ArrayList<>();
    for (var e : paths.entrySet()) {
      String path = e.getKey();
      List<String> found = actual.paths.get(path);
      if (found == null) {
        if (!underEmpty(actual, path)) out.add(new OutputShape.Difference(path, "missing", "AWS shows " + brief(e.getValue())));
        continue;
      }
      List<String> constants = e.getValue().stream().filter(v -> constant.test(v) || ids.containsKey(v))
          .map(v -> ids.getOrDefault(v, v)).distinct().toList();
      if (!constants.isEmpty() && constants.stream().noneMatch(found::contains)) {
        out.add(new OutputShape.Difference(path, "value", "AWS " + constants + ", Stratus "
            + found.stream().distinct().limit(5).toList()));
      }
    }
    return out;
  }

  /** Elements {@code actual} (Stratus's) shows beyond this (AWS's example) under an element the example shows; the topmost only. */
  List<OutputShape.Difference> extras(XmlShape actual) {
    List<OutputShape.Difference> out = new ArrayList<>();
    for (var e : actual.paths.entrySet()) {
      String path = e.getKey();
      if (paths.containsKey(path)) continue;
      int dot = path.lastIndexOf('.');
      String parent = dot < 0 ? "" : path.substring(0, dot);
      if (parent.isEmpty() || paths.containsKey(parent)) {
        out.add(new OutputShape.Difference(path, "extra", "Stratus shows " + brief(e.getValue())));
      }
    }
    return out;
  }

  /** A path below an element Stratus shows empty (a list with no members): nothing to compare. */
  private static boolean underEmpty(XmlShape actual, String path) {
    for (int i = path.lastIndexOf('.'); i > 0; i = path.lastIndexOf('.', i - 1)) {
      if (actual.empty.contains(path.substring(0, i))) return true;
    }
    return false;
  }

  private static String brief(List<String> values) {
    if (values.isEmpty()) return "<element>";
    String s = values.getFirst();
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }
}
