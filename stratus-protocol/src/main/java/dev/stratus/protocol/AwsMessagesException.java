package dev.stratus.protocol;

import dev.stratus.core.AwsException;
import java.util.List;

/**
 * An AWS error that carries several messages, such as Route 53's {@code InvalidChangeBatch}
 * (one message per rejected change). Its message is AWS's rendering of the list,
 * {@code [first, second]} (brackets even for one message), in the protocol's ordinary error
 * envelope: Route 53 stopped sending the old {@code <InvalidChangeBatch><Messages>} root in 2024
 * and now answers {@code <ErrorResponse><Error><Code>InvalidChangeBatch</Code><Message>[…]}
 * (see aws/aws-sdk-kotlin#1435), which is what the SDKs and botocore parse.
 */
public class AwsMessagesException extends AwsException {
  private final List<String> messages;

  public AwsMessagesException(String code, int httpStatus, List<String> messages) {
    super(code, httpStatus, "[" + String.join(", ", messages) + "]");
    this.messages = List.copyOf(messages);
  }

  public List<String> messages() { return messages; }
}
