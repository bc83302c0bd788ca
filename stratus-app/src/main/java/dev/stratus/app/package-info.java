/**
 * The {@code stratus} process: the command line ({@link dev.stratus.app.Main}), logging, and the
 * wiring that opens the store, starts every {@link dev.stratus.core.ServiceModule} found on the
 * class path and serves their API handlers on one port.
 */
package dev.stratus.app;
