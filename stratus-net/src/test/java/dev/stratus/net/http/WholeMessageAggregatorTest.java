package dev.stratus.net.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The aggregator's shortcut gives the same full messages as Netty's aggregator, and only where it may. */
class WholeMessageAggregatorTest {

  private static EmbeddedChannel server(int max) {
    return new EmbeddedChannel(new HttpRequestDecoder(), new HttpResponseEncoder(), new WholeMessageAggregator(max, true));
  }

  private static ByteBuf ascii(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
  }

  @Test
  void aRequestWithoutABody_isWholeAtOnce_withItsHeaders() {
    EmbeddedChannel ch = server(1024);
    ch.writeInbound(ascii("GET /a?b=1 HTTP/1.1\r\nHost: x\r\nX-One: 1\r\nX-One: 2\r\n\r\n"));
    FullHttpRequest r = ch.readInbound();
    assertThat(r.uri()).isEqualTo("/a?b=1");
    assertThat(r.headers().getAll("x-one")).containsExactly("1", "2");
    assertThat(r.content().readableBytes()).isZero();
    assertThat(r.headers().contains("content-length")).isFalse(); // nothing added to a GET
    assertThat(r.decoderResult().isSuccess()).isTrue();
    r.release();
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void aBodyInOneRead_isWhole_andTwoPipelinedRequestsStayApart() {
    EmbeddedChannel ch = server(1024);
    ch.writeInbound(ascii("POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloGET /g HTTP/1.1\r\nHost: x\r\n\r\n"));
    FullHttpRequest post = ch.readInbound();
    FullHttpRequest get = ch.readInbound();
    assertThat(post.content().toString(StandardCharsets.US_ASCII)).isEqualTo("hello");
    assertThat(get.uri()).isEqualTo("/g");
    post.release();
    get.release();
    ch.finishAndReleaseAll();
  }

  @Test
  void aBodyInPieces_andAChunkedBody_goThroughTheAggregator() {
    EmbeddedChannel ch = server(1024);
    ch.writeInbound(ascii("POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nhello"));
    assertThat((Object) ch.readInbound()).isNull(); // half a body: nothing yet
    ch.writeInbound(ascii("world"));
    FullHttpRequest pieces = ch.readInbound();
    assertThat(pieces.content().toString(StandardCharsets.US_ASCII)).isEqualTo("helloworld");
    pieces.release();
    ch.writeInbound(ascii("POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"));
    FullHttpRequest chunked = ch.readInbound();
    assertThat(chunked.content().toString(StandardCharsets.US_ASCII)).isEqualTo("abc");
    assertThat(chunked.headers().get("content-length")).isEqualTo("3"); // re-framed, as Netty's aggregator does
    chunked.release();
    ch.finishAndReleaseAll();
  }

  @Test
  void expectContinue_isAnsweredByTheAggregator_andTooLargeIs413() {
    EmbeddedChannel ch = server(8);
    ch.writeInbound(ascii("POST /e HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n"));
    ByteBuf continued = ch.readOutbound();
    assertThat(continued.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 100 Continue");
    continued.release();
    ch.writeInbound(ascii("abcd"));
    FullHttpRequest e = ch.readInbound();
    assertThat(e.content().readableBytes()).isEqualTo(4);
    e.release();
    ch.writeInbound(ascii("POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\n\r\n123456789"));
    ByteBuf refused = ch.readOutbound();
    assertThat(refused.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 413");
    refused.release();
    ch.finishAndReleaseAll();
  }

  @Test
  void aResponseClosedByItsConnection_isFramedByLength_andAHeadResponseKeepsItsLength() {
    EmbeddedChannel client = new EmbeddedChannel(new HttpClientCodec(), new WholeMessageAggregator(1024));
    client.writeOutbound(new io.netty.handler.codec.http.DefaultFullHttpRequest(
        io.netty.handler.codec.http.HttpVersion.HTTP_1_1, io.netty.handler.codec.http.HttpMethod.HEAD, "/"));
    client.writeOutbound(new io.netty.handler.codec.http.DefaultFullHttpRequest(
        io.netty.handler.codec.http.HttpVersion.HTTP_1_1, io.netty.handler.codec.http.HttpMethod.GET, "/"));
    client.outboundMessages().forEach(io.netty.util.ReferenceCountUtil::release);
    client.outboundMessages().clear();
    client.writeInbound(ascii("HTTP/1.1 200 OK\r\nContent-Length: 42\r\n\r\n"));
    FullHttpResponse head = client.readInbound();
    assertThat(head.status()).isEqualTo(HttpResponseStatus.OK);
    assertThat(head.headers().get("content-length")).isEqualTo("42");
    assertThat(head.content().readableBytes()).isZero();
    head.release();
    client.writeInbound(ascii("HTTP/1.1 200 OK\r\n\r\nuntil close"));
    client.finish(); // the target closes: the body ends there
    FullHttpResponse closed = client.readInbound();
    assertThat(closed.content().toString(StandardCharsets.US_ASCII)).isEqualTo("until close");
    assertThat(closed.headers().get("content-length")).isEqualTo("11");
    closed.release();
    client.finishAndReleaseAll();
  }
}
