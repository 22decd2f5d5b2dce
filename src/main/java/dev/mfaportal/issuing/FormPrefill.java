package dev.mfaportal.issuing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.issuing.DevicePresets.DevicePreset;
import dev.mfaportal.sts.DeviceFinding;
import dev.mfaportal.sts.StsModel;

/**
 * What the issuing form opens with. Each field, first found wins: what "Find my MFA
 * device" learnt (the serial, and the root user's one-hour cap), then the link (a renew
 * link names the fields), then the saved device, then the default. The saved device is
 * the one the link names by id, else, when the link names no field, the one used last.
 */
final class FormPrefill {

	private final Link link;

	private final Optional<DevicePreset> preset;

	private final Optional<CredentialSource> source;

	/**
	 * @param link the form's query parameters
	 * @param saved the actor's saved devices, the most recently used first
	 * @param available the credential sources, the default first
	 */
	FormPrefill(Link link, List<DevicePreset> saved, List<CredentialSource> available) {
		this.link = link;
		this.preset = Optional.ofNullable(link.device())
			.flatMap((id) -> saved.stream().filter((p) -> id.equals(String.valueOf(p.id()))).findFirst())
			.or(() -> link.namesAField() ? Optional.empty()
					: saved.stream().filter((p) -> p.lastUsedAt() != null).findFirst());
		this.source = Optional.ofNullable(link.source())
			.or(() -> this.preset.map(DevicePreset::sourceId))
			.flatMap((id) -> available.stream().filter((s) -> s.id().equals(id)).findFirst())
			.or(() -> available.stream().findFirst());
	}

	/** The saved device the form shows as chosen. */
	Optional<DevicePreset> preset() {
		return this.preset;
	}

	/** Whose keys: none when only a one-time key can sign. */
	Optional<CredentialSource> source() {
		return this.source;
	}

	IssueForm form(Optional<DeviceFinding> finding) {
		String serialNumber = finding.map(DeviceFindingView::bestGuess)
			.or(() -> field(this.link.serialNumber(), DevicePreset::serialNumber))
			.orElse(this.source.map(CredentialSource::mfaSerial).orElse(null));
		String roleArn = field(this.link.roleArn(), DevicePreset::roleArn).orElse(null);
		String duration = chosenDuration(finding).orElse(defaultDuration(roleArn));
		return new IssueForm(this.source.map(CredentialSource::id).orElse(OneTimeKey.SOURCE_ID), serialNumber, "",
				duration, field(this.link.profileName(), DevicePreset::profileName).orElse(FormDefaults.PROFILE_NAME),
				null, null, roleArn, field(this.link.roleSessionName(), DevicePreset::roleSessionName).orElse(null),
				field(this.link.externalId(), DevicePreset::externalId).orElse(null));
	}

	/**
	 * The default the form shows, when nothing chose the duration: the page sends it back
	 * (field {@code durationDefault}) so that the server can tell a duration left as it
	 * was from one the person picked ({@link IssueForm#withRoleDefaultDuration}).
	 */
	Optional<String> durationDefault(Optional<DeviceFinding> finding) {
		return chosenDuration(finding).isPresent() ? Optional.empty()
				: Optional.of(defaultDuration(field(this.link.roleArn(), DevicePreset::roleArn).orElse(null)));
	}

	private Optional<String> chosenDuration(Optional<DeviceFinding> finding) {
		return finding.filter((f) -> f.identity().root())
			.map((f) -> String.valueOf(StsModel.ROOT_DURATION_MAX))
			.or(() -> field(this.link.durationSeconds(), (p) -> String.valueOf(p.durationSeconds())));
	}

	private static String defaultDuration(String roleArn) {
		return String.valueOf((roleArn != null && !roleArn.isBlank()) ? StsModel.ROLE_DURATION_DEFAULT
				: FormDefaults.DURATION_SECONDS);
	}

	private Optional<String> field(String fromLink, Function<DevicePreset, String> fromPreset) {
		return Optional.ofNullable(fromLink).or(() -> this.preset.map(fromPreset));
	}

	/**
	 * The query parameters of {@code /}: a saved device's id, or the fields of a renew
	 * link; each may be {@code null}.
	 */
	record Link(String device, String source, String serialNumber, String durationSeconds, String profileName,
			String roleArn, String roleSessionName, String externalId) {

		static final Link NONE = new Link(null, null, null, null, null, null, null, null);

		/**
		 * The link's fields from the request's parameters (the first value of each): one
		 * map rather than eight converted parameters on every page.
		 */
		static Link of(Map<String, String> parameters) {
			return new Link(parameters.get("device"), parameters.get("source"), parameters.get("serialNumber"),
					parameters.get("durationSeconds"), parameters.get("profileName"), parameters.get("roleArn"),
					parameters.get("roleSessionName"), parameters.get("externalId"));
		}

		boolean namesAField() {
			return this.source != null || this.serialNumber != null || this.durationSeconds != null
					|| this.profileName != null;
		}

	}

}
