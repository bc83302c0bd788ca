/**
 * Where things are and how far apart they are in time: AWS regions, CloudFront / Global
 * Accelerator edge cities and country reference points with coordinates, a fibre-physics latency
 * model, and the locator that turns a client IP address into a {@link dev.stratus.net.geo.Place}.
 *
 * <p>Everything here except {@link dev.stratus.net.geo.MaxMindCountryDatabase} is pure: tables are
 * loaded once from the CSV resources beside these classes and never change.
 */
package dev.stratus.net.geo;
