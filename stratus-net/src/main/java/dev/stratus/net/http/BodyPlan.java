package dev.stratus.net.http;

import io.netty.handler.codec.http.FullHttpResponse;
import java.nio.file.Path;
import java.util.Objects;

/** What a {@link StreamingHttpService} wants done with a request's body, decided from its head. */
public sealed interface BodyPlan {

  /** The listener's usual way: aggregated in memory, bounded by its limits and body budget. */
  record Aggregate() implements BodyPlan {}

  /**
   * Written to a new file in {@code directory} as it arrives (put it on the file system the body
   * will end up on, so that keeping it is a rename); more than {@code maxBytes} answers 413.
   */
  record Spool(Path directory, long maxBytes) implements BodyPlan {
    public Spool {
      Objects.requireNonNull(directory, "directory");
      if (maxBytes <= 0) throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
  }

  /**
   * Answered at once with {@code response}, the body unread (S3's EntityTooLarge for a declared
   * size over 5 GiB); the connection is closed after it, since the unread body is still coming.
   */
  record Refuse(FullHttpResponse response) implements BodyPlan {
    public Refuse {
      Objects.requireNonNull(response, "response");
    }
  }

  BodyPlan AGGREGATE = new Aggregate();
}
