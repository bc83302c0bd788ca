/**
 * TLS for every Stratus data plane: the Stratus CA that issues ACM's certificates and the
 * certificates of Stratus's own names ({@link dev.stratus.net.tls.StratusCa}), PEM reading
 * ({@link dev.stratus.net.tls.Pem}), and Netty server contexts chosen by SNI
 * ({@link dev.stratus.net.tls.TlsContexts}).
 */
package dev.stratus.net.tls;
