package dev.mfaportal.snippet;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SnippetsTest {

	@Test
	void renderWhenAnyCredentialsThenEveryFormatOnceInOrder() {
		List<Snippet> snippets = Snippets.render(SnippetsGoldenTest.PLAIN, "mfa");
		assertThat(snippets).extracting(Snippet::id)
			.containsExactly("env", "env-unset", "fish", "fish-unset", "powershell", "powershell-unset", "windows-cmd",
					"windows-cmd-unset", "credentials-file", "process", "dotenv");
	}

	@Test
	void windowsFormatsWhenRenderedThenUseCrlfAndOthersLf() {
		for (Snippet snippet : Snippets.render(SnippetsGoldenTest.PLAIN, "mfa")) {
			String withoutCrlf = snippet.content().replace("\r\n", "");
			if (snippet.crlf()) {
				assertThat(withoutCrlf).as(snippet.id()).doesNotContain("\n");
			}
			else {
				assertThat(snippet.content()).as(snippet.id()).doesNotContain("\r");
			}
		}
	}

	@Test
	void fileNameWhenProfileNamedThenNamesTheProfileAndTheShell() {
		assertThat(Snippets.render(SnippetsGoldenTest.PLAIN, "prod-admin")).extracting(Snippet::fileName)
			.containsExactly("aws-prod-admin.sh", "aws-prod-admin-unset.sh", "aws-prod-admin.fish",
					"aws-prod-admin-unset.fish", "aws-prod-admin.ps1", "aws-prod-admin-unset.ps1", "aws-prod-admin.cmd",
					"aws-prod-admin-unset.cmd", "aws-prod-admin-credentials.ini",
					"aws-prod-admin-credential-process.json", "aws-prod-admin.env");
	}

	@Test
	void fileNameWhenProfileHasOddCharactersThenTheyBecomeUnderscores() {
		assertThat(Snippets.render(SnippetFormat.ENV, SnippetsGoldenTest.PLAIN, "a/b:c@d").fileName())
			.isEqualTo("aws-a_b_c_d.sh");
	}

	@Test
	void displayTextWhenCrlfThenShowsPlainLines() {
		Snippet cmd = Snippets.render(SnippetFormat.WINDOWS_CMD, SnippetsGoldenTest.PLAIN, "mfa");
		assertThat(cmd.displayText()).doesNotContain("\r").isEqualTo(cmd.content().replace("\r\n", "\n"));
	}

	@Test
	void usageWhenPlainProfileThenBareInEveryShell() {
		assertThat(Snippets.usage("mfa")).extracting(Usage::id)
			.containsExactly("env", "fish", "powershell", "windows-cmd");
		assertThat(Snippets.usage("mfa")).allSatisfy((usage) -> assertThat(usage.lines())
			.containsExactly("aws sts get-caller-identity --profile mfa", "aws s3 ls --profile mfa"));
	}

	@Test
	void usageWhenTheNameStartsWithAtThenPowerShellGetsItQuotedNotSplatted() {
		assertThat(Snippets.usage(SnippetFormat.POWERSHELL, "@home").lines()).first()
			.isEqualTo("aws sts get-caller-identity --profile \"@home\"");
	}

	@Test
	void usageAndSnippetsWhenTheNameIsOutsideTheRuleThenRefused() {
		for (String name : List.of("x.y,z", "a=b", "-rf", "it's mine", "")) {
			assertThatIllegalArgumentException().as(name).isThrownBy(() -> Snippets.usage(name));
			assertThatIllegalArgumentException().as(name)
				.isThrownBy(() -> Snippets.render(SnippetsGoldenTest.PLAIN, name));
		}
	}

	@Test
	void windowsCmdWhenValueHasLineBreakThenRefusedRatherThanBroken() {
		assertThatIllegalArgumentException().isThrownBy(() -> Quoting.windowsCmd("a\r\nb"));
	}

}
