/** STS's pure rules and stored records: issued temporary credentials and AWS's parameter limits. */
package dev.stratus.sts.model;
