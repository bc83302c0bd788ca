package dev.stratus.wafv2.engine;

import static dev.stratus.wafv2.engine.WafTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.awssdk.services.wafv2.model.TextTransformationType.*;

import java.util.EnumSet;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.wafv2.model.PositionalConstraint;
import software.amazon.awssdk.services.wafv2.model.TextTransformationType;

class TransformationsTest {
  private static String t(TextTransformationType type, String in) { return Transformations.apply(type, in); }

  @Test
  void everyTypeInTheApiIsImplemented() {
    // a new enum constant in the SDK would fall into the switch's compile error, but check behaviour too
    for (TextTransformationType type : EnumSet.complementOf(EnumSet.of(UNKNOWN_TO_SDK_VERSION))) {
      assertThat(Transformations.apply(type, "abc")).as(type.name()).isNotNull();
    }
  }

  @Test
  void none() { assertThat(t(NONE, " A%41 ")).isEqualTo(" A%41 "); }

  @Test
  void compressWhiteSpace() { assertThat(t(COMPRESS_WHITE_SPACE, "a \t\r\n\f\u000b b")).isEqualTo("a b"); }

  @Test
  void htmlEntityDecode() {
    assertThat(t(HTML_ENTITY_DECODE, "&lt;script&gt;&#97;&#x62;&quot;&amp;&nbsp;")).isEqualTo("<script>ab\"&\u00a0");
    assertThat(t(HTML_ENTITY_DECODE, "&#106&#97vascript")).isEqualTo("javascript"); // no semicolons, as browsers accept
    assertThat(t(HTML_ENTITY_DECODE, "AT&T &unknown;")).isEqualTo("AT&T &unknown;");
  }

  @Test
  void lowercase() { assertThat(t(LOWERCASE, "SeLeCt")).isEqualTo("select"); }

  @Test
  void cmdLine() {
    assertThat(t(CMD_LINE, "C^MD.exe  /C \"dir\",'x';y  (z")).isEqualTo("cmd.exe/c dir x y(z");
  }

  @Test
  void urlDecode() {
    assertThat(t(URL_DECODE, "%3Cscript%3E+a%2")).isEqualTo("<script> a%2");
  }

  @Test
  void urlDecodeUni() {
    assertThat(t(URL_DECODE_UNI, "%u003cscript%uFF1E%41")).isEqualTo("<script>A");
  }

  @Test
  void base64Decode() {
    assertThat(t(BASE64_DECODE, "PHNjcmlwdD4=")).isEqualTo("<script>");
    assertThat(t(BASE64_DECODE_EXT, "PHN.jcm lwdD4")).isEqualTo("<script>"); // skips characters outside the alphabet
  }

  @Test
  void hexDecode() { assertThat(t(HEX_DECODE, "3c7363726970743e")).isEqualTo("<script>"); }

  @Test
  void md5() {
    assertThat(HexFormat.of().formatHex(t(MD5, "abc").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)))
        .isEqualTo("900150983cd24fb0d6963f7d28e17f72");
  }

  @Test
  void replaceComments() {
    assertThat(t(REPLACE_COMMENTS, "UNION/**/SELECT/* unterminated")).isEqualTo("UNION SELECT ");
    assertThat(t(REPLACE_COMMENTS, "a*/b")).isEqualTo("a b");
  }

  @Test
  void escapeSeqDecode() { assertThat(t(ESCAPE_SEQ_DECODE, "\\x41\\n\\101\\\\")).isEqualTo("A\nA\\"); }

  @Test
  void sqlHexDecode() { assertThat(t(SQL_HEX_DECODE, "SELECT 0x414243")).isEqualTo("SELECT ABC"); }

  @Test
  void cssDecode() {
    assertThat(t(CSS_DECODE, "ja\\76 ascript\\3a")).isEqualTo("javascript:");
    assertThat(t(CSS_DECODE, "\\e\\x")).isEqualTo("\u000ex");
  }

  @Test
  void jsDecode() { assertThat(t(JS_DECODE, "\\u0061\\x6c\\145rt\\(1\\)")).isEqualTo("alert(1)"); }

  @Test
  void normalizePath() {
    assertThat(t(NORMALIZE_PATH, "/a/./b/../../c//d/")).isEqualTo("/c/d/");
    assertThat(t(NORMALIZE_PATH, "/../../etc/passwd")).isEqualTo("/etc/passwd");
  }

  @Test
  void normalizePathWin() { assertThat(t(NORMALIZE_PATH_WIN, "C:\\a\\..\\windows\\.\\win.ini")).isEqualTo("C:/windows/win.ini"); }

  @Test
  void removeAndReplaceNulls() {
    assertThat(t(REMOVE_NULLS, "a\0b")).isEqualTo("ab");
    assertThat(t(REPLACE_NULLS, "a\0b")).isEqualTo("a b");
  }

  @Test
  void utf8ToUnicode() {
    String utf8 = new String("a\u00e9\u6771".getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(t(UTF8_TO_UNICODE, utf8)).isEqualTo("a%u00e9%u6771");
  }

  @Test
  void transformationsRunInPriorityOrder() {
    // URL_DECODE then LOWERCASE finds "<script" in %3CSCRIPT; LOWERCASE alone does not
    var decodeFirst = byteMatch(queryString(), "<script", PositionalConstraint.CONTAINS, URL_DECODE, LOWERCASE);
    var lowerOnly = byteMatch(queryString(), "<script", PositionalConstraint.CONTAINS, LOWERCASE);
    assertThat(blocks(decodeFirst, get("/?q=%3CSCRIPT%3E"))).isTrue();
    assertThat(blocks(lowerOnly, get("/?q=%3CSCRIPT%3E"))).isFalse();
    // double decoding needs two URL_DECODEs
    var twice = byteMatch(queryString(), "../", PositionalConstraint.CONTAINS, URL_DECODE, URL_DECODE);
    assertThat(blocks(twice, get("/?f=%252e%252e%252f"))).isTrue();
  }
}
