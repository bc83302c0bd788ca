package dev.stratus.protocol.codec;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait.Format;

/**
 * Text forms of SDK scalar values (strings, numbers, booleans, timestamps, blobs) shared by all
 * codecs; a text that does not parse as the field's type is a {@link WireFormatException}.
 */
public final class Scalars {
  /** AWS's ISO 8601 form with milliseconds, as EC2 and Route 53 print it. */
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Scalars() {}

  /** Whether the field holds a scalar (anything but structure, list, map, document). */
  public static boolean isScalar(SdkField<?> field) {
    return switch (field.marshallingType().getKnownType()) {
      case SDK_POJO, LIST, MAP, DOCUMENT -> false;
      default -> true;
    };
  }

  /** The timestamp format of {@code field}: its TimestampFormatTrait, else {@code dflt}. */
  public static Format timestampFormat(SdkField<?> field, Format dflt) {
    TimestampFormatTrait t = field.getTrait(TimestampFormatTrait.class);
    return t != null ? t.format() : dflt;
  }

  /** Parses {@code text} as the scalar type of {@code field}. */
  public static Object parse(SdkField<?> field, String text, Format tsFormat) {
    MarshallingKnownType type = field.marshallingType().getKnownType();
    try {
      return switch (type) {
        case STRING -> text;
        case INTEGER -> Integer.valueOf(text.trim());
        case LONG -> Long.valueOf(text.trim());
        case SHORT -> Short.valueOf(text.trim());
        case BYTE -> Byte.valueOf(text.trim());
        case FLOAT -> Float.valueOf(text.trim());
        case DOUBLE -> Double.valueOf(text.trim());
        case BIG_DECIMAL -> new BigDecimal(text.trim());
        case BOOLEAN -> parseBoolean(text.trim());
        case INSTANT -> parseInstant(text.trim(), tsFormat);
        case SDK_BYTES -> SdkBytes.fromByteArrayUnsafe(Base64.getMimeDecoder().decode(text.trim()));
        default -> throw new WireFormatException("unsupported scalar type " + type);
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new WireFormatException(text);
    } catch (IllegalArgumentException e) {
      throw new WireFormatException(text);
    }
  }

  /** The text form of a scalar value for XML, query strings and headers. */
  public static String format(Object value, Format tsFormat) {
    if (value instanceof Instant i) return formatInstant(i, tsFormat);
    if (value instanceof SdkBytes b) return Base64.getEncoder().encodeToString(b.asByteArrayUnsafe());
    if (value instanceof BigDecimal d) return d.toPlainString();
    return String.valueOf(value);
  }

  public static String formatInstant(Instant i, Format format) {
    return switch (format) {
      case ISO_8601 -> ISO_MILLIS.format(i);
      case RFC_822 -> DateTimeFormatter.RFC_1123_DATE_TIME.format(i.atOffset(ZoneOffset.UTC));
      case UNIX_TIMESTAMP -> epochSeconds(i).toPlainString();
      case UNIX_TIMESTAMP_MILLIS -> Long.toString(i.toEpochMilli());
    };
  }

  /** Seconds since the epoch with up to millisecond fraction, e.g. {@code 1700000000.123}. */
  public static BigDecimal epochSeconds(Instant i) {
    return BigDecimal.valueOf(i.toEpochMilli()).movePointLeft(3).stripTrailingZeros();
  }

  public static Instant parseInstant(String text, Format format) {
    if (format == Format.UNIX_TIMESTAMP || (!text.isEmpty() && Character.isDigit(text.charAt(0)) && !text.contains("-"))) {
      BigDecimal seconds = new BigDecimal(text);
      return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
    }
    if (format == Format.UNIX_TIMESTAMP_MILLIS) return Instant.ofEpochMilli(Long.parseLong(text));
    if (format == Format.RFC_822) {
      return DateTimeFormatter.RFC_1123_DATE_TIME.parse(text, Instant::from);
    }
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")
        ? text : text + "Z", Instant::from);
  }

  private static Boolean parseBoolean(String text) {
    if ("true".equalsIgnoreCase(text)) return Boolean.TRUE;
    if ("false".equalsIgnoreCase(text)) return Boolean.FALSE;
    throw new WireFormatException(text);
  }
}
