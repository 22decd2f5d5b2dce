package dev.mfaportal.sts.emulator;

/**
 * Who signed a request, once the signature is verified.
 *
 * @param user the identity the request acts as
 * @param accessKeyId the key that signed it
 * @param sessionCredentials whether that key is one the emulator issued
 */
record Caller(EmulatedUser user, String accessKeyId, boolean sessionCredentials) {
}
