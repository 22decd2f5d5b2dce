/**
 * Approvals (team mode): a member asks for a role the policy guards, an approver the rule
 * names answers, and one approved issue is spent atomically, on any instance.
 */
package dev.mfaportal.approval;
