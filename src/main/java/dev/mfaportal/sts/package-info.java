/**
 * The STS boundary: the AWS SDK's {@code StsClient} over HTTP, its settings, and the
 * mapping of every failure to something a person can act on.
 */
package dev.mfaportal.sts;
