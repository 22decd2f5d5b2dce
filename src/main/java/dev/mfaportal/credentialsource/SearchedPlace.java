package dev.mfaportal.credentialsource;

/**
 * A place the portal looked for keys, for the page that says none were found.
 *
 * @param kind message key suffix: {@code environment}, {@code credentials-file},
 * {@code config-file} or {@code profile}
 * @param detail a path or a variable's value
 * @param found whether it existed
 */
public record SearchedPlace(String kind, String detail, boolean found) {

}
