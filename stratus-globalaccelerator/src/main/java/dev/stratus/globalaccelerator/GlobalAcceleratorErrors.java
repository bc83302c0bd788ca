package dev.stratus.globalaccelerator;

import dev.stratus.core.AwsException;

/** AWS's Global Accelerator error codes and texts. */
final class GlobalAcceleratorErrors {
  private GlobalAcceleratorErrors() {}

  static AwsException acceleratorNotFound() {
    return new AwsException("AcceleratorNotFoundException", 400, "The accelerator that you specified doesn't exist.");
  }

  static AwsException invalidArgument(String message) {
    return new AwsException("InvalidArgumentException", 400, message);
  }

  static AwsException invalidNextToken() {
    return new AwsException("InvalidNextTokenException", 400, "There isn't another item to return.");
  }
}
