/** REST and HTTP/WebSocket APIs as records; pure rules (no SDK types, no I/O). */
package dev.stratus.apigateway.model;
