/**
 * The MFA code from a YubiKey, local mode only: the portal runs {@code ykman} on the
 * person's own machine, with a timeout, and turns its failures into words before anything
 * reaches AWS. The code is used for the one call and never logged or kept.
 */
package dev.mfaportal.yubikey;
