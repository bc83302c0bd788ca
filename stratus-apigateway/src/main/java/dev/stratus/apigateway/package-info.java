/** API Gateway, REST APIs (v1) and HTTP/WebSocket APIs (v2): the API handlers, AWS's errors, and the shapes. */
package dev.stratus.apigateway;
