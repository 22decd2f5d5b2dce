package dev.mfaportal.snippet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

import dev.mfaportal.sts.TemporaryCredentials;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every snippet format, byte for byte, against the files under
 * {@code src/test/resources/dev/mfaportal/snippet/golden}. Run with
 * {@code -Dgolden.update=true} to rewrite them after a deliberate change, then review the
 * diff.
 */
class SnippetsGoldenTest {

	static final TemporaryCredentials PLAIN = new TemporaryCredentials("ASIAIOSFODNN7EXAMPLE",
			"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY",
			"AQoEXAMPLEH4aoAH0gNCAPyJxz4BlCFFxWNE1OPTgk5TthT+FvwqnKwRcOIfrRh3c/LTo6UDdyJwOOvEVPvLXCrrrUtdnniCEXAMPLE/IvU1dYUg2RVAJBanLiHb4IgRmpRV3zrkuWJOgQs8IZZaIv2BXIa2R4OlgkBN9bkUDNCJiBeb/AXlzBBko7b15fjrBs2+cTQtpZ3CYWFXG8C5zqx37wnOE49mRl/+OtkIKGO7fAE",
			Instant.parse("2026-11-26T22:00:00.611Z"));

	/** Every character that means something to one of the targets. */
	static final TemporaryCredentials HOSTILE = new TemporaryCredentials("ASIA' \"$(id)`x",
			"se'cr\"et $HOME `whoami` %PATH% ^&|<>() \\ ! ; # * ? ~ “smart” ‘quotes’", "tok\\en'$(rm -rf ~)\t=",
			Instant.parse("2026-11-26T22:00:00Z"));

	static Stream<Arguments> cases() {
		return Stream.of(SnippetFormat.values())
			.flatMap((format) -> Stream.of(Arguments.of(format, "plain", PLAIN, "mfa"),
					Arguments.of(format, "hostile", HOSTILE, "team.prod-admin@acme")));
	}

	/**
	 * The hostile name of the "try it" lines: every character the rule allows that a
	 * shell reads as more than itself, a leading {@code @} (PowerShell's splat) first.
	 */
	static final String HOSTILE_PROFILE = "@team/prod:a+b.c_d-e";

	static Stream<Arguments> usageCases() {
		return Usage.SHELLS.stream()
			.flatMap((shell) -> Stream.of(Arguments.of(shell, "plain", "mfa"),
					Arguments.of(shell, "hostile", HOSTILE_PROFILE)));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("cases")
	void snippetWhenRenderedThenMatchesGoldenFileByteForByte(SnippetFormat format, String variant,
			TemporaryCredentials credentials, String profile) throws IOException {
		assertGolden(variant, format.id(), Snippets.render(format, credentials, profile).content());
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("usageCases")
	void usageWhenRenderedForAShellThenMatchesGoldenFileByteForByte(SnippetFormat shell, String variant, String profile)
			throws IOException {
		assertGolden(variant, "usage-" + shell.id(), Snippets.usage(shell, profile).text() + "\n");
	}

	private static void assertGolden(String variant, String name, String content) throws IOException {
		Path golden = Path.of("src/test/resources/dev/mfaportal/snippet/golden", variant, name + ".txt");
		if (Boolean.getBoolean("golden.update")) {
			Files.createDirectories(golden.getParent());
			Files.writeString(golden, content, StandardCharsets.UTF_8);
		}
		assertThat(content).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
	}

}
