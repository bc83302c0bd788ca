/**
 * EC2 API groups "Network interfaces" and "Instances": handlers, their rules
 * ({@code InterfaceRules}), creation of an interface in a
 * subnet ({@code Interfaces}, also used for gateways and endpoints), the interfaces other services
 * manage ({@code Ec2ManagedInterfaces}), instance filters and the SDK shapes.
 */
package dev.stratus.ec2.interfaces;
