/**
 * Local mode's vault: long-term keys kept where only the portal reads them, in the OS
 * keychain ({@link dev.mfaportal.vault.KeychainVault}) or a passphrase-encrypted file
 * ({@link dev.mfaportal.vault.FileVault}), behind the
 * {@link dev.mfaportal.credentialsource.KeyVault} port; the {@code /keys} page that
 * stores, removes and moves them. Its libraries (D-Bus, JNA, Bouncy Castle) are off the
 * class path and load only when the vault is used, in a class loader of their own
 * ({@link dev.mfaportal.vault.VaultLibraries}).
 */
package dev.mfaportal.vault;
