package dev.mfaportal.issuing;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.credentialsource.CredentialSource.Kind;
import dev.mfaportal.emulator.EmulatedMfaDevice;
import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.security.HostileValues;
import dev.mfaportal.support.Html;
import dev.mfaportal.support.HostileProfileNames;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.PortalWithEmulator;
import org.assertj.core.api.SoftAssertions;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The renew link through the real server: what the result page links to comes back on the
 * form exactly as it was sent, whatever it holds.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@PortalWithEmulator
class RenewLinkIntegrationTest {

	static final EmulatedUser ALICE = new EmulatedUser("AKIARENEWALICE000001", "RenewSecret/0123456789abcdefABCDEFGHIJ",
			"123456789012", "alice", false,
			new EmulatedMfaDevice("arn:aws:iam::123456789012:mfa/alice", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"));

	static final TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(ALICE));

	static final CredentialSource SOURCE = new CredentialSource("alice", Kind.PROFILE, "alice", "AKIA…0001", false,
			"us-east-1", null, false);

	static final List<String> FIELDS = List.of("serialNumber", "durationSeconds", "profileName", "roleArn",
			"roleSessionName", "externalId");

	@Autowired
	RenewLinks links;

	@Test
	void renewLinkWhenEveryFieldIsHostileThenTheFormGetsEachBackByteForByte(PortalClient browser) throws Exception {
		SoftAssertions softly = new SoftAssertions();
		for (String value : hostileValues()) {
			URI link;
			try {
				link = this.links.link(dev.mfaportal.security.LocalOwner.name(), SOURCE,
						new IssueForm("alice", value, "", value, value, null, null, value, value, value, "true", null));
			}
			catch (RuntimeException ex) {
				softly.fail("no renew link for %s: %s", value, ex);
				continue;
			}
			Document form = Html.parse(browser.get(link.toString()).body());
			for (String field : FIELDS) {
				softly.assertThat(form.getElementById(field).val()).as("%s through %s", field, link).isEqualTo(value);
			}
		}
		softly.assertAll();
	}

	/**
	 * The profile names that mean something to a shell or an INI file, a seeded run of
	 * the fuzzer's values, and the characters a query string gives a meaning to. Not
	 * blank (a renew link leaves a blank role field out, and the form shows the default
	 * for others), and without a NUL or CR, which the HTML parser replaces whatever the
	 * link carried.
	 */
	static Set<String> hostileValues() {
		List<String> values = new ArrayList<>(HostileProfileNames.ALL);
		values.addAll(List.of("+", "a+b", "%2B", "%", "a&b=c", "#x", "?x", "a;b", "x%20y", "arn:aws:iam::1:role/a+b",
				"é+ü", "😀+🔑"));
		HostileValues fuzz = new HostileValues(26);
		for (int i = 0; i < 60; i++) {
			values.add(fuzz.next("arn:aws:iam::123456789012:mfa/a+b"));
		}
		Set<String> kept = new LinkedHashSet<>();
		for (String value : values) {
			if (!value.isBlank() && value.indexOf('\0') < 0 && value.indexOf('\r') < 0) {
				kept.add(value);
			}
		}
		return kept;
	}

}
