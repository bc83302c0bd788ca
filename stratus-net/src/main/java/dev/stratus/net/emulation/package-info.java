/**
 * Opt-in emulated distance ({@code stratus start --emulate-network}): data planes hold each
 * message for the modelled one-way delay of the path the listener stands for, so a user in
 * Sydney (by clientLocations) waits on a request to us-east-1 as long as the latency model says.
 *
 * <p>What is held is what reaches user space: TLS handshakes, requests, responses, the close. The
 * TCP handshake, which the kernel completes before {@code accept()} returns, is held on its SYN in
 * the kernel's packet queue where the process may ({@link
 * dev.stratus.net.emulation.handshake.HandshakeHold}: Linux, root, iptables, Java 22+); elsewhere
 * {@code curl}'s {@code time_connect} stays near zero (the README's table, "Traffic that feels the
 * distance", lists every curl
 * timing). With {@link dev.stratus.net.emulation.EmulatedJitter} on, delays also vary, in order.
 */
package dev.stratus.net.emulation;
