/**
 * Where every data-plane listener really is ({@link dev.stratus.net.listener.ListenerRegistry}):
 * binding with the privileged-port and loopback fallbacks of ARCHITECTURE "Addresses", and the
 * records {@code stratus endpoints} lists.
 */
package dev.stratus.net.listener;
