package dev.mfaportal.issuing;

import java.util.List;
import java.util.Optional;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.credentialsource.VaultState;
import dev.mfaportal.issuing.DevicePresets.DevicePreset;
import dev.mfaportal.security.Actor;
import dev.mfaportal.sts.StsModel;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the issuing form shows besides the form itself: the keys to choose from, the saved
 * devices, the length limits and what this mode offers (one-time keys, a YubiKey, a
 * profile file, a locked vault). The same whether the form is new or shown again with its
 * errors.
 */
@Component
class IssueFormPage {

	private final CredentialSources sources;

	private final HardwareCodeReader hardwareCodes;

	/** {@code null} in team mode, which never writes files. */
	private final ProfileSaver profiles;

	private final IssuePolicy policy;

	IssueFormPage(CredentialSources sources, HardwareCodeReader hardwareCodes, ObjectProvider<ProfileSaver> profiles,
			ObjectProvider<IssuePolicy> policy) {
		this.policy = policy.getIfAvailable(() -> IssuePolicy.ALLOW_ALL);
		this.sources = sources;
		this.hardwareCodes = hardwareCodes;
		this.profiles = profiles.getIfAvailable();
	}

	/**
	 * @return the form's view
	 */
	String show(IssueForm form, List<CredentialSource> available, List<DevicePreset> saved, Model model) {
		// The template never writes the code or a typed-in secret back into the page.
		model.addAttribute("issueForm", form);
		model.addAttribute("oneTimeKeys", this.sources.offersOneTimeKeys());
		model.addAttribute("yubikey", this.hardwareCodes.offered());
		model.addAttribute("profileFile", (this.profiles != null) ? this.profiles.fileName() : null);
		model.addAttribute("sources", available);
		model.addAttribute("vaultLocked", vaultLocked());
		model.addAttribute("selectedSource", available.stream()
			.filter((source) -> source.id().equals(form.source()))
			.findFirst()
			.or(() -> OneTimeKey.SOURCE_ID.equals(form.source()) ? Optional.empty() : available.stream().findFirst())
			.orElse(null));
		model.addAttribute("presets", saved);
		model.addAttribute("durationPresets", StsModel.DURATION_PRESETS);
		// As text: MessageFormat would print 129600 as "129,600", which the field would
		// not take.
		model.addAttribute("durationMin", String.valueOf(StsModel.DURATION_MIN));
		model.addAttribute("durationMax", String.valueOf(StsModel.DURATION_MAX));
		model.addAttribute("rootDurationMax", String.valueOf(StsModel.ROOT_DURATION_MAX));
		model.addAttribute("sessionDurationDefault", String.valueOf(FormDefaults.DURATION_SECONDS));
		model.addAttribute("roleDurationDefault", String.valueOf(StsModel.ROLE_DURATION_DEFAULT));
		offerWhatThePolicyAllows(model);
		return IssuingController.FORM_VIEW;
	}

	/**
	 * The roles the team's policy allows this member, as choices (a pattern with
	 * {@code *} as a hint), and the length capped at the longest it allows. Only what the
	 * form offers: {@link IssuingService} asks the policy again whatever is sent.
	 */
	private void offerWhatThePolicyAllows(Model model) {
		IssuePolicy.Grants grants = this.policy.grants(Actor.current());
		if (grants.unlimited()) {
			return;
		}
		List<IssuePolicy.RoleGrant> exact = grants.roles()
			.stream()
			.filter((role) -> role.arnPattern().indexOf('*') < 0)
			.toList();
		model.addAttribute("policyGrants", grants);
		model.addAttribute("policyRoles", exact);
		model.addAttribute("policyRoleList", exact.isEmpty() ? null : "policy-roles");
		model.addAttribute("policyPatterns",
				grants.roles().stream().filter((role) -> role.arnPattern().indexOf('*') >= 0).toList());
		int longest = grants.roles()
			.stream()
			.mapToInt(IssuePolicy.RoleGrant::maxSeconds)
			.max()
			.orElse(StsModel.DURATION_MIN);
		if (grants.sessionTokenMaxSeconds() != null) {
			longest = Math.max(longest, grants.sessionTokenMaxSeconds());
		}
		model.addAttribute("durationMax", String.valueOf(Math.min(longest, StsModel.DURATION_MAX)));
	}

	/** Whether local mode's vault waits for its passphrase, so the form says so. */
	boolean vaultLocked() {
		VaultState vault = this.sources.vaultState();
		return vault != null && vault.status() == VaultState.Status.LOCKED;
	}

}
