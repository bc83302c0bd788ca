package dev.stratus.core.store;

/**
 * The store could not open or could not commit. A failed commit left nothing behind: no row of
 * its transaction is visible or published.
 */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) { super(message, cause); }

  public StoreException(String message) { super(message); }
}
