package dev.stratus.s3;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** S3's response documents: a small XML writer in S3's namespace, and its timestamp formats. */
final class S3Xml {
  static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
  /** Header dates: {@code Wed, 12 Oct 2009 17:50:00 GMT}. */
  static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

  /** A document whose root element carries S3's namespace. */
  static S3Xml document(String root) {
    S3Xml xml = new S3Xml();
    xml.out.append('<').append(root).append(" xmlns=\"").append(NAMESPACE).append("\">");
    return xml;
  }

  /** A document without namespace (S3's {@code <Error>}). */
  static S3Xml bare(String root) {
    S3Xml xml = new S3Xml();
    xml.out.append('<').append(root).append('>');
    return xml;
  }

  S3Xml open(String name) {
    out.append('<').append(name).append('>');
    return this;
  }

  S3Xml close(String name) {
    out.append("</").append(name).append('>');
    return this;
  }

  S3Xml element(String name, Object value) {
    if (value == null) return this;
    out.append('<').append(name).append('>').append(escape(value.toString())).append("</").append(name).append('>');
    return this;
  }

  /** Markup written as is (an element with attributes). */
  S3Xml raw(String markup) {
    out.append(markup);
    return this;
  }

  S3Xml text(String value) {
    out.append(escape(value));
    return this;
  }

  byte[] bytes() { return out.toString().getBytes(StandardCharsets.UTF_8); }

  /** XML timestamps: ISO 8601 with milliseconds, e.g. {@code 2009-10-12T17:50:30.000Z}. */
  static String timestamp(Instant t) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC)
        .format(t.truncatedTo(ChronoUnit.MILLIS));
  }

  static String httpDate(Instant t) { return HTTP_DATE.format(t.truncatedTo(ChronoUnit.SECONDS)); }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        case '\r' -> b.append("&#13;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
