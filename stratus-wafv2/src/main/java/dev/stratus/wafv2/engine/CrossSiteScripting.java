package dev.stratus.wafv2.engine;

import java.util.Locale;
import java.util.Set;

/**
 * Cross-site scripting detection in the manner of libinjection's XSS detector: an HTML5-style
 * tokeniser (tag open, tag name, attribute name, quoted / unquoted value) run over the input in
 * four starting contexts (text, and inside a "…", '…' or unquoted attribute value, since reflected
 * input usually lands in one of those), flagging dangerous tags, event-handler attributes, script
 * URLs in URL-valued attributes, and script-bearing styles. Written from the HTML5 tokenisation
 * rules; no code is copied from libinjection.
 */
final class CrossSiteScripting {
  private CrossSiteScripting() {}

  private static final Set<String> TAGS = Set.of("script", "iframe", "frame", "frameset", "object", "embed", "applet",
      "base", "meta", "link", "style", "svg", "math", "xml", "xss", "import", "isindex", "vmlframe", "template",
      "noscript", "portal", "animate", "set", "handler", "listener", "form", "bgsound", "layer", "ilayer", "xmp",
      "plaintext", "comment", "marquee", "body", "html", "foreignobject");
  private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "action", "formaction", "data", "xlink:href",
      "background", "dynsrc", "lowsrc", "poster", "codebase", "srcset", "from", "to", "values", "by", "lang", "ping",
      "manifest", "profile", "longdesc", "usemap", "cite", "classid", "archive", "icon");
  private static final Set<String> EVENTS = Set.of("onerror", "onload", "onclick", "ondblclick", "onmouseover",
      "onmouseout", "onmousemove", "onmousedown", "onmouseup", "onmouseenter", "onmouseleave", "onfocus", "onblur",
      "onfocusin", "onfocusout", "onkeydown", "onkeyup", "onkeypress", "onchange", "oninput", "oninvalid", "onsubmit",
      "onreset", "onselect", "onabort", "onunload", "onbeforeunload", "onresize", "onscroll", "ondrag", "ondragstart",
      "ondragend", "ondragover", "ondragenter", "ondragleave", "ondrop", "onwheel", "oncopy", "oncut", "onpaste",
      "oncontextmenu", "onauxclick", "ontoggle", "onpointerover", "onpointerdown", "onpointerup", "onpointermove",
      "onpointerenter", "onpointerleave", "onanimationstart", "onanimationend", "onanimationiteration",
      "ontransitionend", "ontransitionstart", "ontransitionrun", "onbegin", "onend", "onrepeat", "onstart", "onfinish",
      "onhashchange", "onpageshow", "onpagehide", "onmessage", "onpopstate", "onplay", "onplaying", "onpause",
      "onloadstart", "onloadeddata", "oncanplay", "oncanplaythrough", "onshow", "onsearch", "onformdata",
      "onafterprint", "onbeforeprint", "onbeforecopy", "onbeforecut", "onbeforepaste", "onended", "ontimeupdate",
      "onvolumechange", "onwaiting", "onseeked", "onseeking", "onprogress", "onratechange", "onstorage",
      "onactivate", "onbeforeactivate", "ondeactivate", "onreadystatechange", "onpropertychange", "onfilterchange",
      "onmousewheel", "onselectstart", "onselectionchange", "ontouchstart", "ontouchend", "ontouchmove");

  private enum State { TEXT, TAG_NAME, BEFORE_ATTR, ATTR_NAME, AFTER_ATTR_NAME, BEFORE_VALUE, VALUE_DQ, VALUE_SQ, VALUE_UQ }

  /** Whether {@code input} (a byte string) carries script that a browser would run. */
  static boolean detect(String input) {
    if (input.isEmpty()) return false;
    // every vector needs a tag (<), an attribute (=) or a script URL (:)
    if (input.indexOf('<') < 0 && input.indexOf('=') < 0 && input.indexOf(':') < 0) return false;
    String s = input.replace("\0", "");
    String lower = s.toLowerCase(Locale.ROOT);
    String start = stripControl(lower);
    if (scriptUrl(start)) return true;
    // a form-encoded body inspected whole: a value may itself be the script URL
    for (int eq = lower.indexOf('='), n = 0; eq >= 0 && n < 16; eq = lower.indexOf('=', eq + 1), n++) {
      if (scriptUrl(stripControl(lower.substring(eq + 1)))) return true;
    }
    if (scan(s, State.TEXT, false)) return true;
    if (s.indexOf('"') >= 0 && scan(s, State.VALUE_DQ, true)) return true;
    if (s.indexOf('\'') >= 0 && scan(s, State.VALUE_SQ, true)) return true;
    return s.indexOf(' ') >= 0 || s.indexOf('/') >= 0 || s.indexOf('>') >= 0 ? scan(s, State.VALUE_UQ, true) : false;
  }

  private static boolean scriptUrl(String s) {
    return s.startsWith("javascript:") || s.startsWith("vbscript:") || s.startsWith("livescript:");
  }

  /** Whitespace, control characters and entities for them are ignored by browsers in a URL scheme. */
  private static String stripControl(String s) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), 32));
    String d = Transformations.htmlEntityDecode(s.length() > 256 ? s.substring(0, 256) : s);
    for (int i = 0; i < d.length() && b.length() < 16; i++) {
      char c = d.charAt(i);
      if (c > ' ' && c != 0x7f) b.append(c);
    }
    return b.toString();
  }

  /**
   * Runs the tokeniser from {@code state}. {@code injected} means the input started inside a
   * value: attributes that follow only count when they are real event handlers (an unquoted
   * value's next word "onion" is not one).
   */
  private static boolean scan(String s, State state, boolean injected) {
    int n = s.length();
    StringBuilder tag = new StringBuilder();
    StringBuilder attr = new StringBuilder();
    StringBuilder value = new StringBuilder();
    boolean realTag = !injected;
    String currentAttr = "";
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      switch (state) {
        case TEXT -> {
          if (c == '<' && i + 1 < n) {
            char d = s.charAt(i + 1);
            if (Character.isLetter(d) || d == '/') {
              tag.setLength(0);
              state = State.TAG_NAME;
              realTag = true;
              if (d == '/') i++;
            } else if (d == '!' || d == '?') {
              String rest = s.substring(i, Math.min(n, i + 16)).toLowerCase(Locale.ROOT);
              if (rest.startsWith("<!--[if") || rest.startsWith("<![cdata[") || rest.startsWith("<?xml")
                  || rest.startsWith("<!entity") || rest.startsWith("<?import")) return true;
            }
          }
        }
        case TAG_NAME -> {
          if (Character.isWhitespace(c) || c == '/' || c == '>') {
            if (TAGS.contains(tag.toString().toLowerCase(Locale.ROOT))) return true;
            state = c == '>' ? State.TEXT : State.BEFORE_ATTR;
          } else if (c == '<') {
            tag.setLength(0); // <<script>
          } else {
            tag.append(c);
          }
        }
        case BEFORE_ATTR -> {
          if (c == '>') {
            state = State.TEXT;
          } else if (!Character.isWhitespace(c) && c != '/' && c != '"' && c != '\'') {
            attr.setLength(0);
            attr.append(c);
            state = State.ATTR_NAME;
          }
        }
        case ATTR_NAME -> {
          if (c == '=' || Character.isWhitespace(c) || c == '/' || c == '>') {
            currentAttr = attr.toString().toLowerCase(Locale.ROOT);
            if (dangerousAttribute(currentAttr, realTag)) return true;
            state = c == '=' ? State.BEFORE_VALUE : c == '>' ? State.TEXT : State.AFTER_ATTR_NAME;
          } else {
            attr.append(c);
          }
        }
        case AFTER_ATTR_NAME -> {
          if (c == '=') {
            state = State.BEFORE_VALUE;
          } else if (c == '>') {
            state = State.TEXT;
          } else if (!Character.isWhitespace(c)) {
            attr.setLength(0);
            attr.append(c);
            state = State.ATTR_NAME;
          }
        }
        case BEFORE_VALUE -> {
          value.setLength(0);
          if (c == '"') state = State.VALUE_DQ;
          else if (c == '\'') state = State.VALUE_SQ;
          else if (c == '>') state = State.TEXT;
          else if (!Character.isWhitespace(c)) {
            value.append(c);
            state = State.VALUE_UQ;
          }
        }
        case VALUE_DQ, VALUE_SQ, VALUE_UQ -> {
          boolean end = state == State.VALUE_DQ ? c == '"' : state == State.VALUE_SQ ? c == '\'' : Character.isWhitespace(c) || c == '>';
          if (end) {
            if (dangerousValue(currentAttr, value.toString())) return true;
            value.setLength(0);
            state = c == '>' ? State.TEXT : State.BEFORE_ATTR;
          } else {
            value.append(c);
          }
        }
      }
    }
    if (state == State.TAG_NAME && TAGS.contains(tag.toString().toLowerCase(Locale.ROOT)) && tag.length() > 0) return true;
    if (state == State.ATTR_NAME && dangerousAttribute(attr.toString().toLowerCase(Locale.ROOT), realTag)
        && s.indexOf('=') >= 0) return true;
    return (state == State.VALUE_DQ || state == State.VALUE_SQ || state == State.VALUE_UQ)
        && dangerousValue(currentAttr, value.toString());
  }

  private static boolean dangerousAttribute(String name, boolean realTag) {
    if (name.equals("srcdoc") || name.equals("formaction")) return realTag;
    if (EVENTS.contains(name)) return true;
    return realTag && name.length() > 4 && name.startsWith("on") && name.chars().allMatch(Character::isLetter);
  }

  private static boolean dangerousValue(String attr, String value) {
    if (attr.isEmpty()) return false;
    String v = stripControl(value.toLowerCase(Locale.ROOT));
    if (URL_ATTRIBUTES.contains(attr) || attr.endsWith(":href")) {
      if (v.startsWith("javascript:") || v.startsWith("vbscript:") || v.startsWith("livescript:")
          || v.startsWith("data:text/html") || v.startsWith("data:image/svg") || v.startsWith("data:application")) return true;
    }
    if (attr.equals("style")) {
      String full = Transformations.cssDecode(value.toLowerCase(Locale.ROOT));
      return full.contains("expression(") || full.contains("javascript:") || full.contains("behavior:")
          || full.contains("-moz-binding") || full.contains("@import");
    }
    return false;
  }
}
