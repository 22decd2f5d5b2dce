package dev.mfaportal.accesskey;

/**
 * A stored key with its encrypted secret, as the repository reads it to decrypt.
 *
 * @param id its id
 * @param owner whose key it is
 * @param label its label (with the owner, the associated data of the encryption)
 * @param accessKeyId the access key id
 * @param secret the encrypted secret access key
 */
record EncryptedKey(long id, String owner, String label, String accessKeyId, EncryptedSecret secret) {

}
