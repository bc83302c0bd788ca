package dev.stratus.protocol.codec;

/**
 * A request that does not fit its operation's shape: unparsable body, a scalar of the wrong
 * type, a missing required member, or a member outside AWS's limits (then {@link #value()} is
 * the complete message). The codec turns it into its protocol's validation error.
 */
public final class WireFormatException extends RuntimeException {

  /** What was wrong. */
  public enum Kind { MALFORMED_BODY, WRONG_TYPE, MISSING_MEMBER, CONSTRAINT }

  private final Kind kind;
  private final String member;
  private final String value;

  public WireFormatException(String value) {
    this(Kind.WRONG_TYPE, null, value);
  }

  public WireFormatException(Kind kind, String member, String value) {
    super(kind + " " + member + " " + value, null, false, false);
    this.kind = kind;
    this.member = member;
    this.value = value;
  }

  /** An unparsable body; the parser's detail is reduced to plain words (see {@link ParserTexts}). */
  public static WireFormatException malformed(String detail) {
    return new WireFormatException(Kind.MALFORMED_BODY, null, ParserTexts.plain(detail));
  }

  public static WireFormatException missing(String member) {
    return new WireFormatException(Kind.MISSING_MEMBER, member, null);
  }

  /** The same problem, now knowing which member held the bad value. */
  public WireFormatException at(String memberName) {
    return member == null ? new WireFormatException(kind, memberName, value) : this;
  }

  public Kind kind() { return kind; }

  /** The member (wire name) concerned, or null. */
  public String member() { return member; }

  /** The offending value or a parser's detail, or null. */
  public String value() { return value; }
}
