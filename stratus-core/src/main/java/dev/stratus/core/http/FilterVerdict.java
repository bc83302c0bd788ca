package dev.stratus.core.http;

import java.util.Map;
import java.util.Objects;

/** What a filter decides for one request: let it through, or answer it itself. */
public sealed interface FilterVerdict {

  /** Let the request pass to the next slot, with no change. */
  FilterVerdict CONTINUE = new Continue(Map.of());

  /**
   * Let the request pass, adding (or replacing) request headers the next stages and the target
   * see, e.g. WAF's {@code x-amzn-waf-*} custom request headers.
   */
  record Continue(Map<String, String> addedHeaders) implements FilterVerdict {
    public Continue {
      addedHeaders = Map.copyOf(addedHeaders);
    }
  }

  /** Answer the client with this response; the request goes no further (WAF Block, 401, 429). */
  record Respond(int status, Map<String, String> headers, byte[] body) implements FilterVerdict {
    public Respond {
      if (status < 100 || status > 599) throw new IllegalArgumentException("status out of range: " + status);
      headers = Map.copyOf(headers);
      Objects.requireNonNull(body, "body");
    }
  }
}
