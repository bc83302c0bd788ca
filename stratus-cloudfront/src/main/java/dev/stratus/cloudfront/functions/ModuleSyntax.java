package dev.stratus.cloudfront.functions;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * cloudfront-js-2.0 code imports modules ({@code import cf from 'cloudfront';}) yet declares a
 * global {@code handler}; the code runs as a script with each import turned into a
 * {@code require}, on the same line so error line numbers stay right.
 */
final class ModuleSyntax {
  private static final Pattern DEFAULT_IMPORT =
      Pattern.compile("(?m)^\\s*import\\s+([A-Za-z_$][\\w$]*)\\s+from\\s+(['\"])([\\w-]+)\\2\\s*;?");
  private static final Pattern NAMED_IMPORT =
      Pattern.compile("(?m)^\\s*import\\s+\\{([^}]*)\\}\\s+from\\s+(['\"])([\\w-]+)\\2\\s*;?");

  private ModuleSyntax() {}

  static String toScript(String code) {
    String out = DEFAULT_IMPORT.matcher(code).replaceAll("var $1 = require('$3');");
    return NAMED_IMPORT.matcher(out).replaceAll(m -> Matcher.quoteReplacement("var {"
        + m.group(1).replaceAll("\\bas\\b", ":") + "} = require('" + m.group(3) + "');"));
  }
}
