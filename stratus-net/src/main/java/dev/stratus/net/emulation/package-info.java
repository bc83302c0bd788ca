/**
 * Opt-in emulated distance ({@code stratus start --emulate-network}): data planes hold each
 * message for the modelled one-way delay of the path the listener stands for, so a user in
 * Sydney (by clientLocations) waits on a request to us-east-1 as long as the latency model says.
 *
 * <p>What is held is what reaches user space: TLS handshakes, requests, responses, the close. The
 * TCP handshake is not — the kernel completes it before {@code accept()} returns — so
 * {@code curl}'s {@code time_connect} stays near zero and a new connection is short by its
 * handshake round trip (the README's table, "Traffic that feels the distance", lists every curl
 * timing). With {@link dev.stratus.net.emulation.EmulatedJitter} on, delays also vary, in order.
 */
package dev.stratus.net.emulation;
