/**
 * Where things are and how far apart they are in time: AWS regions, CloudFront / Global
 * Accelerator edge cities and country reference points with coordinates, a fibre-physics latency
 * model, how often each kind of path loses packets and what TCP's recovery costs an interactive
 * round trip ({@link dev.stratus.net.geo.PathLoss}, {@link dev.stratus.net.geo.LossRecovery}), and
 * the locator that turns a client IP address into a {@link dev.stratus.net.geo.Place}.
 *
 * <p>Everything here except {@link dev.stratus.net.geo.MaxMindCountryDatabase} is pure: tables are
 * loaded once from the CSV resources beside these classes and never change.
 */
package dev.stratus.net.geo;
