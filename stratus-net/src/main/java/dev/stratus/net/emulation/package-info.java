/**
 * Opt-in emulated distance ({@code stratus start --emulate-network}): data planes hold each
 * message for the modelled one-way delay of the path the listener stands for, so a user in
 * Sydney (by clientLocations) waits on a request to us-east-1 as long as the latency model says.
 */
package dev.stratus.net.emulation;
