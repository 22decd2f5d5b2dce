package dev.mfaportal.issuing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.credentialsource.CredentialSource.Kind;
import dev.mfaportal.issuing.DevicePresets.DevicePreset;
import dev.mfaportal.issuing.FormPrefill.Link;
import dev.mfaportal.sts.CallerIdentity;
import dev.mfaportal.sts.DeviceFinding;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order the form's fields are filled in: finding, link, saved device, default.
 */
class FormPrefillTest {

	static final CredentialSource DEFAULT = new CredentialSource("profile:default", Kind.PROFILE, "default",
			"AKIA…AAAA", false, "us-east-1", "arn:aws:iam::123456789012:mfa/default", true);

	static final CredentialSource WORK = new CredentialSource("profile:work", Kind.PROFILE, "work", "AKIA…WXYZ", false,
			"us-east-1", null, false);

	static final List<CredentialSource> SOURCES = List.of(DEFAULT, WORK);

	static final DevicePreset USED_LAST = new DevicePreset(7, "Work", "arn:aws:iam::123456789012:mfa/work", 3600,
			"work-mfa", "profile:work", Instant.parse("2026-11-25T08:30:00Z"), "arn:aws:iam::123456789012:role/admin",
			"alice-admin", "ext-42", false);

	static final DevicePreset NEVER_USED = new DevicePreset(8, "Spare", "GAHT12345678", 900, "spare", null, null, null,
			null, null, false);

	static final List<DevicePreset> SAVED = List.of(USED_LAST, NEVER_USED);

	static final Link NONE = Link.NONE;

	@Test
	void linkWhenBuiltFromTheRequestParametersThenEachFieldByNameAndOthersIgnored() {
		Link link = Link.of(Map.of("device", "9", "source", "profile:work", "serialNumber", "arn", "durationSeconds",
				"3600", "profileName", "mfa", "roleArn", "role", "roleSessionName", "me", "externalId", "ext", "lang",
				"es"));
		assertThat(link).isEqualTo(new Link("9", "profile:work", "arn", "3600", "mfa", "role", "me", "ext"));
		assertThat(Link.of(Map.of("find", "true"))).isEqualTo(NONE);
	}

	@Test
	void formWhenNothingSavedOrAskedThenTheDefaultSourceItsDeviceAndTheDefaults() {
		IssueForm form = new FormPrefill(NONE, List.of(), SOURCES).form(Optional.empty());

		assertThat(form.source()).isEqualTo("profile:default");
		assertThat(form.serialNumber()).isEqualTo("arn:aws:iam::123456789012:mfa/default");
		assertThat(form.durationSeconds()).isEqualTo(String.valueOf(FormDefaults.DURATION_SECONDS));
		assertThat(form.profileName()).isEqualTo(FormDefaults.PROFILE_NAME);
		assertThat(form.roleArn()).isNull();
	}

	@Test
	void presetWhenNothingAskedThenTheDeviceUsedLastFillsTheForm() {
		FormPrefill prefill = new FormPrefill(NONE, SAVED, SOURCES);
		IssueForm form = prefill.form(Optional.empty());

		assertThat(prefill.preset()).contains(USED_LAST);
		assertThat(form.source()).isEqualTo("profile:work");
		assertThat(form.serialNumber()).isEqualTo(USED_LAST.serialNumber());
		assertThat(form.durationSeconds()).isEqualTo("3600");
		assertThat(form.profileName()).isEqualTo("work-mfa");
		assertThat(form.roleArn()).isEqualTo(USED_LAST.roleArn());
		assertThat(form.roleSessionName()).isEqualTo("alice-admin");
		assertThat(form.externalId()).isEqualTo("ext-42");
	}

	@Test
	void presetWhenTheLinkNamesADeviceThenThatOneEvenIfNeverUsed() {
		FormPrefill prefill = new FormPrefill(device("8"), SAVED, SOURCES);

		assertThat(prefill.preset()).contains(NEVER_USED);
		assertThat(prefill.form(Optional.empty()).serialNumber()).isEqualTo("GAHT12345678");
		assertThat(prefill.source()).as("the device names no source: the default").contains(DEFAULT);
	}

	@Test
	void presetWhenTheLinkNamesAnUnknownDeviceThenTheDeviceUsedLast() {
		FormPrefill prefill = new FormPrefill(device("99"), SAVED, SOURCES);

		assertThat(prefill.preset()).contains(USED_LAST);
	}

	@Test
	void formWhenARenewLinkNamesFieldsThenTheyWinAndNoDeviceIsAssumed() {
		Link renew = new Link(null, "profile:work", "GAHT12345678", "900", "other", null, null, null);
		FormPrefill prefill = new FormPrefill(renew, SAVED, SOURCES);
		IssueForm form = prefill.form(Optional.empty());

		assertThat(prefill.preset()).isEmpty();
		assertThat(form.source()).isEqualTo("profile:work");
		assertThat(form.serialNumber()).isEqualTo("GAHT12345678");
		assertThat(form.durationSeconds()).isEqualTo("900");
		assertThat(form.profileName()).isEqualTo("other");
		assertThat(form.roleArn()).isNull();
	}

	@Test
	void formWhenTheLinkNamesADeviceAndAFieldThenTheFieldWinsOverTheDevice() {
		Link both = new Link("7", null, null, "900", null, null, null, null);
		IssueForm form = new FormPrefill(both, SAVED, SOURCES).form(Optional.empty());

		assertThat(form.durationSeconds()).isEqualTo("900");
		assertThat(form.serialNumber()).isEqualTo(USED_LAST.serialNumber());
	}

	@Test
	void sourceWhenTheLinkNamesAnUnavailableSourceThenTheDefault() {
		Link gone = new Link(null, "profile:gone", null, null, null, null, null, null);

		assertThat(new FormPrefill(gone, SAVED, SOURCES).source()).contains(DEFAULT);
	}

	@Test
	void sourceWhenNoneAvailableThenTheOneTimeKey() {
		FormPrefill prefill = new FormPrefill(NONE, SAVED, List.of());

		assertThat(prefill.source()).isEmpty();
		assertThat(prefill.form(Optional.empty()).source()).isEqualTo(OneTimeKey.SOURCE_ID);
	}

	@Test
	void formWhenTheFindingListedADeviceThenItWinsOverLinkAndPreset() {
		Link renew = new Link(null, null, "GAHT12345678", null, null, null, null, null);
		DeviceFinding finding = new DeviceFinding(user(), "arn:aws:iam::123456789012:mfa/alice",
				List.of("arn:aws:iam::123456789012:mfa/alice-phone"), true);

		IssueForm form = new FormPrefill(renew, SAVED, SOURCES).form(Optional.of(finding));

		assertThat(form.serialNumber()).isEqualTo("arn:aws:iam::123456789012:mfa/alice-phone");
	}

	@Test
	void formWhenTheKeysAreTheRootUsersThenTheDurationIsCappedWhateverTheLinkSays() {
		Link renew = new Link(null, null, null, "43200", null, null, null, null);
		CallerIdentity root = new CallerIdentity("123456789012", "arn:aws:iam::123456789012:root", "123456789012");
		DeviceFinding finding = new DeviceFinding(root, null, List.of(), false);

		IssueForm form = new FormPrefill(renew, SAVED, SOURCES).form(Optional.of(finding));

		assertThat(form.durationSeconds()).isEqualTo("3600");
	}

	private static CallerIdentity user() {
		return new CallerIdentity("123456789012", "arn:aws:iam::123456789012:user/alice", "AIDA");
	}

	private static Link device(String id) {
		return new Link(id, null, null, null, null, null, null, null);
	}

}
