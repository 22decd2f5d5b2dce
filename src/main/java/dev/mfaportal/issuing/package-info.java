/**
 * Issuing: the form, its validation against the STS model, the one STS call and the page
 * that shows the result.
 */
package dev.mfaportal.issuing;
