/**
 * Rotating a long-term access key with IAM, and telling its age: the steps that never
 * leave the person without a working key, through the {@link RotatableKeys} port that
 * each key store implements (team mode's database store; the local vault).
 */
package dev.mfaportal.rotation;
