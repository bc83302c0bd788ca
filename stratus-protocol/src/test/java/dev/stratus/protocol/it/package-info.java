/** Round trips through the real AWS SDK v2 clients, one class per protocol family. */
package dev.stratus.protocol.it;
