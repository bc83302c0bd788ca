/** Test fixtures shared with the service modules through the stratus-protocol test-jar. */
package dev.stratus.protocol.testing;
