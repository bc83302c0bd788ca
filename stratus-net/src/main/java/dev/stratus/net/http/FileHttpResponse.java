package dev.stratus.net.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.stream.ChunkedNioFile;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * A response whose body is a region of a file, streamed to the client a chunk at a time as the
 * connection can take it instead of being loaded into memory (S3 GetObject). Its own content is
 * empty; the front end's writers ({@link #write}) send the head with {@code Content-Length} set
 * to the region's length, then the file. The file channel is the response's: it is closed when
 * the body has been written, or the connection closed, or {@link #discard} is called.
 */
public final class FileHttpResponse extends DefaultFullHttpResponse {
  private static final int CHUNK_BYTES = 64 * 1024;

  private final FileChannel file;
  private final long offset;
  private final long length;

  /** Bytes {@code offset..offset+length-1} of {@code file}, answered with {@code status}. */
  public FileHttpResponse(HttpResponseStatus status, FileChannel file, long offset, long length) {
    super(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
    this.file = Objects.requireNonNull(file, "file");
    if (offset < 0 || length < 0) throw new IllegalArgumentException("offset and length must not be negative");
    this.offset = offset;
    this.length = length;
  }

  public long length() { return length; }

  /** Closes the file without writing it (the connection went away first). */
  public void discard() {
    try {
      file.close();
    } catch (IOException e) {
      // nothing more to do with it
    }
  }

  /**
   * Writes {@code response} from {@code ctx}: a {@link FileHttpResponse} as its head and then
   * its file through a {@link ChunkedWriteHandler} (added before {@code ctx}'s handler on first
   * use), anything else as it is. Returns the future of the whole response.
   */
  public static ChannelFuture write(ChannelHandlerContext ctx, FullHttpResponse response) {
    if (!(response instanceof FileHttpResponse f)) return ctx.writeAndFlush(response);
    if (ctx.pipeline().get(ChunkedWriteHandler.class) == null) {
      ctx.pipeline().addBefore(ctx.name(), "chunkedWriter", new ChunkedWriteHandler());
    }
    DefaultHttpResponse head = new DefaultHttpResponse(f.protocolVersion(), f.status(), f.headers());
    head.headers().set(HttpHeaderNames.CONTENT_LENGTH, f.length);
    head.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
    ctx.write(head);
    try {
      return ctx.writeAndFlush(new HttpChunkedInput(new ChunkedNioFile(f.file, f.offset, f.length, CHUNK_BYTES)));
    } catch (IOException e) {
      f.discard();
      return ctx.close();
    }
  }
}
