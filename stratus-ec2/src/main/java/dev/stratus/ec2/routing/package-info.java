/**
 * EC2 API group "Route tables": the handler, its rules ({@code RouteRules}), route targets by id prefix ({@code RouteTargets}),
 * route states kept in step with their targets ({@code RouteStates}, used by every group whose
 * resource can be a route target), and the SDK shapes.
 */
package dev.stratus.ec2.routing;
