/**
 * The Netty transport every Stratus socket uses: one {@link dev.stratus.net.transport.Transport}
 * (epoll or NIO) with shared event loops, and the accept-error handling every server socket gets.
 */
package dev.stratus.net.transport;
