package dev.stratus.globalaccelerator;

import dev.stratus.core.AwsException;

/** AWS's Global Accelerator error codes and texts (the API reference's descriptions). */
final class GlobalAcceleratorErrors {
  private GlobalAcceleratorErrors() {}

  static AwsException acceleratorNotFound() {
    return new AwsException("AcceleratorNotFoundException", 400, "The accelerator that you specified doesn't exist.");
  }

  static AwsException acceleratorNotDisabled() {
    return new AwsException("AcceleratorNotDisabledException", 400,
        "The accelerator that you specified could not be disabled.");
  }

  static AwsException associatedListenerFound() {
    return new AwsException("AssociatedListenerFoundException", 400,
        "The accelerator that you specified has a listener associated with it. You must remove all dependent"
            + " resources from an accelerator before you can delete it.");
  }

  static AwsException listenerNotFound() {
    return new AwsException("ListenerNotFoundException", 400, "The listener that you specified doesn't exist.");
  }

  static AwsException associatedEndpointGroupFound() {
    return new AwsException("AssociatedEndpointGroupFoundException", 400,
        "The listener that you specified has an endpoint group associated with it. You must remove all dependent"
            + " resources from a listener before you can delete it.");
  }

  static AwsException endpointGroupNotFound() {
    return new AwsException("EndpointGroupNotFoundException", 400, "The endpoint group that you specified doesn't exist.");
  }

  static AwsException endpointGroupAlreadyExists() {
    return new AwsException("EndpointGroupAlreadyExistsException", 400,
        "The endpoint group that you specified already exists.");
  }

  static AwsException endpointAlreadyExists() {
    return new AwsException("EndpointAlreadyExistsException", 400, "The endpoint that you specified has already been added.");
  }

  static AwsException endpointNotFound() {
    return new AwsException("EndpointNotFoundException", 400, "The endpoint that you specified doesn't exist.");
  }

  static AwsException invalidPortRange(String message) {
    return new AwsException("InvalidPortRangeException", 400, message);
  }

  static AwsException limitExceeded(String message) {
    return new AwsException("LimitExceededException", 400, message);
  }

  static AwsException invalidArgument(String message) {
    return new AwsException("InvalidArgumentException", 400, message);
  }

  static AwsException invalidNextToken() {
    return new AwsException("InvalidNextTokenException", 400, "There isn't another item to return.");
  }
}
