package dev.mfaportal.accesskey;

/**
 * A secret access key as stored: AES-256-GCM ciphertext (with its tag) and the nonce it
 * was encrypted with, both Base64, and the name of the encryption key. Useless without
 * that key.
 *
 * @param keyId the encryption key's name ({@code secret_key_id})
 * @param nonce 12 random bytes, new for every value ({@code secret_nonce})
 * @param ciphertext the encrypted secret followed by the 16-byte tag
 * ({@code secret_ciphertext})
 */
record EncryptedSecret(String keyId, String nonce, String ciphertext) {

}
