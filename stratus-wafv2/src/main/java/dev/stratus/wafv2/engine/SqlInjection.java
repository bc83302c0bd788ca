package dev.stratus.wafv2.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SQL injection detection in the manner of libinjection (Nick Galbreath's fingerprinting
 * approach, which AWS WAF's SqliMatchStatement is understood to be of the same class as): the
 * input is tokenised as SQL in three contexts (as is, and as if it started inside a '…' or "…"
 * literal, since an injection usually breaks out of one), the tokens are folded into a short
 * fingerprint (first five token types), and the fingerprint is judged against patterns of
 * injection shapes. No code or fingerprint list is copied from libinjection; the token classes
 * below are our own, written from SQL grammar.
 *
 * <p>Token types: {@code s} string, {@code 1} number, {@code n} name, {@code v} variable
 * ({@code @x}, {@code @@version}), {@code k} keyword, {@code E} query (SELECT), {@code D} other
 * statement (DROP, DELETE, INSERT, UPDATE, EXEC, ...), {@code U} UNION/INTERSECT/EXCEPT,
 * {@code B} ORDER BY / GROUP BY / LIMIT, {@code &} AND/OR/XOR/&amp;&amp;/||, {@code o} operator,
 * {@code f} a known SQL function, {@code c} comment, {@code X} MySQL executable comment
 * {@code /*!}, and the punctuation {@code ( ) , ; .}.
 */
final class SqlInjection {
  private SqlInjection() {}

  private static final Set<String> QUERY = Set.of("select");
  private static final Set<String> STATEMENT = Set.of("insert", "update", "delete", "drop", "create", "alter",
      "truncate", "exec", "execute", "declare", "shutdown", "grant", "revoke", "replace", "merge", "call", "handler", "rename");
  private static final Set<String> UNION = Set.of("union", "intersect", "except", "minus");
  private static final Set<String> LOGIC = Set.of("and", "or", "xor");
  private static final Set<String> OPERATOR_WORDS = Set.of("like", "rlike", "regexp", "div", "mod", "is", "in", "between",
      "sounds", "collate", "escape", "not");
  private static final Set<String> KEYWORDS = Set.of("from", "where", "into", "table", "database", "values", "set",
      "having", "as", "join", "inner", "outer", "left", "right", "cross", "on", "using", "distinct", "all", "top", "case",
      "when", "then", "else", "end", "null", "true", "false", "exists", "procedure", "outfile", "dumpfile", "delay",
      "schema", "column", "index", "view", "trigger", "function", "user", "offset", "fetch", "rows", "only", "desc", "asc");
  private static final Set<String> FUNCTIONS = Set.of("sleep", "benchmark", "pg_sleep", "waitfor", "load_file", "char",
      "chr", "concat", "concat_ws", "group_concat", "ascii", "ord", "substring", "substr", "mid", "version", "database",
      "user", "current_user", "system_user", "session_user", "schema", "extractvalue", "updatexml", "cast", "convert",
      "hex", "unhex", "md5", "sha1", "count", "if", "ifnull", "nullif", "coalesce", "length", "len", "lower", "upper",
      "elt", "make_set", "floor", "rand", "exp", "name_const", "xp_cmdshell", "dbms_pipe", "utl_inaddr", "randomblob",
      "sqlite_version", "pg_read_file", "lo_import", "row", "json_keys", "gtid_subset", "polygon", "geometrycollection",
      "multipoint", "linestring", "xmltype", "dbms_xmlgen", "ctxsys", "sys_context", "instr", "locate", "position",
      "left", "right", "reverse", "trim", "replace", "strcmp", "isnull", "char_length", "bin", "oct", "conv", "unicode",
      "nchar", "varchar", "openrowset", "opendatasource", "dbms_lock", "db_name", "host_name", "suser_name", "is_srvrolemember");

  /** Injection shapes any sensitivity reports. */
  private static final Pattern LOW = Pattern.compile(String.join("|",
      "U\\(?[Ef(1vs]",                  // UNION SELECT / UNION (SELECT / UNION ALL 1
      "^s\\)*&\\(*[1nsv]o",              // ' OR '1'='1   ' OR 1=1   ' AND x IS NULL
      "^s\\)*&\\(*[1nsv]c",              // ' OR 1--
      "^s\\)*&\\(*[fE]",                 // ' AND sleep(5)   ' AND (SELECT ...
      "^s\\)*o[1nsvf(]",                 // ' = '   '+sleep(
      "^s\\)*c",                         // admin'--   admin')#
      "^s\\)*;[EDkf]",                   // '; DROP TABLE   '; exec
      "^s\\)*B",                         // ' ORDER BY 1
      "^[1nv]\\)*&\\(*[1nsv]o\\(*[1nsvEf(]", // 1 OR 1=1   1 AND 1=(SELECT
      "^[1nsv]\\)+&\\(+",                 // 1) OR (1=1
      "^[1nsv]?\\)*&\\(*[fE]",             // 1 AND sleep(5)   1 AND (SELECT   OR benchmark(
      "^&\\(*[1nsv]o[1nsv]",             // OR 1=1--
      "^[1nsv]\\)*;[EDk]",               // 1; DROP TABLE   1;SELECT
      "^1\\)*c$",                        // 1--  (numeric break-out then comment)
      "^f\\([1sv]",                      // sleep(5)   benchmark(1e7,md5(1))
      "[&;oUE]fks",                      // WAITFOR DELAY '0:0:5'
      "^[1sv]\\)*fks",                   // 1 WAITFOR DELAY '...'
      "X",                               // /*!50000 UNION*/
      "^E[o1nv]k[n(]",                   // SELECT * FROM t   SELECT a FROM (
      "^En,n",                           // SELECT a,b
      "^[1n]\\)*B1"));                   // 1 ORDER BY 1

  /** More shapes reported at HIGH sensitivity (more detections, more false positives). */
  private static final Pattern HIGH = Pattern.compile(String.join("|",
      "^s\\)*[&okEDU]",
      "^[1v]\\)*&",
      "^n\\)*&[1sv(]",
      "^[1nsv]\\)*o[1nsv]&",
      "^Dk",
      "^E[1nvof(]",
      "f\\(",
      "^v",
      "[1ns]c$"));

  /** Whether {@code input} (a byte string) is a SQL injection at the given sensitivity. */
  static boolean detect(String input, boolean high) {
    if (input.isEmpty()) return false;
    if (detectOne(input, high)) return true;
    // a form-encoded body or cookie line inspected whole: also read each value after '=' on its own
    int checked = 0;
    for (int eq = input.indexOf('='); eq >= 0 && eq + 1 < input.length() && checked < 16; eq = input.indexOf('=', eq + 1), checked++) {
      if (detectOne(input.substring(eq + 1), high)) return true;
    }
    return false;
  }

  private static boolean detectOne(String input, boolean high) {
    if (matches(fingerprint(input, (char) 0), high)) return true;
    if (input.indexOf('\'') >= 0 && matches(fingerprint(input, '\''), high)) return true;
    return input.indexOf('"') >= 0 && matches(fingerprint(input, '"'), high);
  }

  private static boolean matches(String fp, boolean high) {
    if (fp.isEmpty()) return false;
    return LOW.matcher(fp).find() || (high && HIGH.matcher(fp).find());
  }

  /** The folded fingerprint of the first five tokens, tokenising as if inside a literal opened by {@code quote}. */
  static String fingerprint(String input, char quote) {
    List<Character> tokens = tokens(input, quote, 12);
    List<Character> folded = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      char t = tokens.get(i);
      char prev = folded.isEmpty() ? 0 : folded.getLast();
      if (t == 'c' && i < tokens.size() - 1 && tokens.get(i + 1) != 'c') continue; // inline /**/ is whitespace
      if (t == 's' && prev == 's') continue; // 'a' 'b' → adjacent literals concatenate
      if (t == 'o' && (prev == 0 || prev == 'o' || prev == '&' || prev == '(' || prev == ',') && i + 1 < tokens.size()
          && "1nsv(f".indexOf(tokens.get(i + 1)) >= 0) {
        continue; // unary - + ! ~
      }
      if (t == '1' && prev == '1') continue;
      folded.add(t);
      if (folded.size() == 5) break;
    }
    StringBuilder b = new StringBuilder();
    for (char c : folded) b.append(c);
    return b.toString();
  }

  private static boolean wordStart(char c) {
    return Character.isLetter(c) || c == '_' || c == '$' || c > 0x7f;
  }

  private static boolean wordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.' || c > 0x7f;
  }

  static List<Character> tokens(String s, char quote, int max) {
    List<Character> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    if (quote != 0) {
      i = endOfString(s, 0, quote);
      out.add('s');
    }
    while (i < n && out.size() < max) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || c == 0 || c == 0xa0) {
        i++;
      } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-' || c == '#') {
        out.add('c');
        int nl = s.indexOf('\n', i);
        i = nl < 0 ? n : nl + 1;
      } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
        out.add(i + 2 < n && s.charAt(i + 2) == '!' ? 'X' : 'c');
        int end = s.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '\'' || c == '"') {
        out.add('s');
        i = endOfString(s, i + 1, c);
      } else if (c == '`') {
        out.add('n');
        int end = s.indexOf('`', i + 1);
        i = end < 0 ? n : end + 1;
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1)))) {
        out.add('1');
        i++;
        while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
      } else if (c == '@') {
        out.add('v');
        i++;
        while (i < n && (s.charAt(i) == '@' || wordPart(s.charAt(i)))) i++;
      } else if (wordStart(c)) {
        int start = i;
        while (i < n && wordPart(s.charAt(i))) i++;
        String word = s.substring(start, i).toLowerCase(Locale.ROOT);
        int dot = word.lastIndexOf('.');
        if (dot >= 0 && dot < word.length() - 1) word = word.substring(dot + 1);
        int j = i;
        while (j < n && Character.isWhitespace(s.charAt(j))) j++;
        boolean call = j < n && s.charAt(j) == '(';
        String next = nextWord(s, j);
        if ((word.equals("order") || word.equals("group")) && next.equals("by")) {
          out.add('B');
          i = j + 2;
        } else if (word.equals("limit")) {
          out.add('B');
        } else if (UNION.contains(word)) {
          out.add('U');
          if (next.equals("all") || next.equals("distinct")) i = j + next.length();
        } else if (QUERY.contains(word)) {
          out.add('E');
        } else if (word.equals("waitfor")) {
          out.add('f');
        } else if (STATEMENT.contains(word) && !call) {
          out.add('D');
        } else if (LOGIC.contains(word)) {
          out.add('&');
        } else if (OPERATOR_WORDS.contains(word) && !call) {
          out.add('o');
        } else if (call && FUNCTIONS.contains(word)) {
          out.add('f');
        } else if (KEYWORDS.contains(word)) {
          out.add('k');
        } else {
          out.add('n');
        }
      } else if (c == '&' && i + 1 < n && s.charAt(i + 1) == '&' || c == '|' && i + 1 < n && s.charAt(i + 1) == '|') {
        out.add('&');
        i += 2;
      } else if ("=<>!+-*/%^|&~:".indexOf(c) >= 0) {
        out.add('o');
        i++;
        while (i < n && "=<>!|&".indexOf(s.charAt(i)) >= 0) i++;
      } else if ("(),;.".indexOf(c) >= 0) {
        out.add(c);
        i++;
      } else {
        out.add('n'); // anything else reads as an unknown bare word
        i++;
        while (i < n && !Character.isWhitespace(s.charAt(i)) && !wordStart(s.charAt(i)) && "'\"()=,;".indexOf(s.charAt(i)) < 0) i++;
      }
    }
    return out;
  }

  private static String nextWord(String s, int j) {
    int k = j;
    while (k < s.length() && Character.isLetter(s.charAt(k))) k++;
    return s.substring(j, k).toLowerCase(Locale.ROOT);
  }

  /** The index after a literal's closing quote (doubled quotes and backslash escapes stay inside). */
  private static int endOfString(String s, int i, char quote) {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return s.length();
  }
}
