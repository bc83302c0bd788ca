package dev.stratus.net.http;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequestDecoder;

/**
 * Netty's request decoder in its strictest configuration: bare CR or LF ends nothing (strict
 * line parsing), header names and values are validated, duplicate Content-Length is refused,
 * and, unlike the default, a request carrying both Content-Length and Transfer-Encoding is
 * marked failed instead of having its Content-Length silently dropped (RFC 9112 §6.3 allows a
 * server to reject it; a proxy that forwards it invites request smuggling).
 */
final class StrictRequestDecoder extends HttpRequestDecoder {

  StrictRequestDecoder(HttpLimits limits) {
    super(new HttpDecoderConfig()
        .setMaxInitialLineLength(limits.maxInitialLineBytes())
        .setMaxHeaderSize(limits.maxHeaderBytes())
        .setMaxChunkSize(64 * 1024)
        .setStrictLineParsing(true)
        .setAllowDuplicateContentLengths(false)
        .setHeadersFactory(DefaultHttpHeadersFactory.headersFactory().withValidation(true)));
  }

  @Override
  protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
    super.handleTransferEncodingChunkedWithContentLength(message);
    message.setDecoderResult(DecoderResult.failure(
        new IllegalArgumentException("both Content-Length and Transfer-Encoding")));
  }
}
