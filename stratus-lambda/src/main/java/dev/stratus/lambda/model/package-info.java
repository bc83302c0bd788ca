/** Lambda's stored resources and its pure rules: names and ARNs, validation, resource policies. */
package dev.stratus.lambda.model;
