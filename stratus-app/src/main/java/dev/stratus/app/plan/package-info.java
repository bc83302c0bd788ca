/**
 * {@code stratus plan}: the what-if planner of seed 004. A plan file names user populations and
 * candidate architectures; the planner estimates each population's round trips with the latency
 * model and each architecture's monthly cost from AWS's public list prices.
 */
package dev.stratus.app.plan;
