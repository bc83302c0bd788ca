package dev.stratus.lambda.runtime;

/**
 * How one invocation ended in its environment.
 *
 * @param payload the handler's result, or the error document
 * @param functionError {@code Unhandled} when the function failed (error, init error, timeout, crash), else null
 * @param log this invocation's log (START … REPORT), for LogType Tail
 */
public record RuntimeResult(byte[] payload, String functionError, String log) {}
