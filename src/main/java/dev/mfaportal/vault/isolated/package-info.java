/**
 * The only classes that name the vault's libraries, defined only in
 * {@code VaultLibraries}' class loader, never in the portal's: the class path has no such
 * libraries. Public, with JDK types only, for the vault's method handles; the words of
 * their exceptions name no secret.
 */
package dev.mfaportal.vault.isolated;
