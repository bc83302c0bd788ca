package dev.stratus.ec2.model;

/**
 * What a new account has in a region before its first call: written once, lazily, so that the
 * default VPC is created exactly once per (account, region) even if it is later deleted.
 *
 * @param defaultVpcId null once the default VPC has been deleted
 */
public record RegionDefaults(String defaultVpcId, String defaultDhcpOptionsId) {}
