/**
 * The five wire-protocol codecs (ec2, query, rest-xml, rest-json, json), each a thin subclass
 * over shared readers and writers that walk the SDK model's {@code sdkFields()} metadata, plus
 * the per-protocol tables of generic validation errors.
 *
 * <pre>
 *   FormCodec ── QueryCodec, Ec2Codec      (FormReader in, XmlWriter out)
 *   RestCodec ── RestXmlCodec              (HttpBindings + XmlReader / XmlWriter)
 *            └── RestJsonCodec             (HttpBindings + JsonReader / JsonWriter)
 *   JsonCodec                              (X-Amz-Target + JsonReader / JsonWriter)
 * </pre>
 */
package dev.stratus.protocol.codec;
