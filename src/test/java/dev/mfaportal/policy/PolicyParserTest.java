package dev.mfaportal.policy;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The policy file's shape: the issue's example reads as written, and each hostile or
 * mistaken file is refused with the line that is wrong.
 */
class PolicyParserTest {

	static final String EXAMPLE = """
			groups:
			  developers: [alice, bob]          # portal user names
			  oncall: [carol]
			rules:
			  - who: [group:developers, user:dave]
			    session-token: {max-seconds: 43200}
			    roles:
			      - arn: "arn:aws:iam::111122223333:role/read-*"
			        max-seconds: 3600
			      - arn: "arn:aws:iam::111122223333:role/deploy"
			        max-seconds: 3600
			        approval: {by: [group:oncall], valid-minutes: 60}
			""";

	@Test
	void exampleWhenParsedThenGroupsRulesRolesAndApprovalAsWritten() {
		Policy policy = PolicyParser.parse(EXAMPLE);

		assertThat(policy.groups()).containsEntry("developers", List.of("alice", "bob"))
			.containsEntry("oncall", List.of("carol"));
		assertThat(policy.rules()).singleElement().satisfies((rule) -> {
			assertThat(rule.name()).isEqualTo("rule 1");
			assertThat(rule.line()).isEqualTo(5);
			assertThat(rule.who()).containsExactly("group:developers", "user:dave");
			assertThat(rule.sessionTokenMaxSeconds()).isEqualTo(43200);
			assertThat(rule.roles()).hasSize(2);
			assertThat(rule.roles().get(0).approval()).isNull();
			assertThat(rule.roles().get(1).approval().by()).containsExactly("group:oncall");
			assertThat(rule.roles().get(1).approval().validMinutes()).isEqualTo(60);
		});
	}

	@Test
	void brokenYamlWhenParsedThenRefusedWithItsLine() {
		assertRefused("rules:\n  - who: [user:a\n    roles: []\n", 3, "not YAML");
	}

	@Test
	void unknownKeyWhenParsedThenRefusedWithItsLine() {
		assertRefused("rules:\n  - who: [user:a]\n    rolez: []\n", 3, "unknown key rolez");
	}

	@Test
	void unknownTopLevelKeyWhenParsedThenRefusedWithItsLine() {
		assertRefused("groups: {}\nrule: []\n", 2, "unknown key rule");
	}

	@Test
	void arnPatternThatIsNoneWhenParsedThenRefusedWithItsLine() {
		assertRefused("rules:\n  - who: [user:a]\n    roles:\n      - arn: \"arn:aws:s3:::bucket/*\"\n"
				+ "        max-seconds: 3600\n", 4, "not a role ARN pattern");
	}

	@Test
	void badNumberWhenParsedThenRefusedWithItsLine() {
		assertRefused("rules:\n  - who: [user:a]\n    session-token:\n      max-seconds: 12h\n", 4,
				"not a whole number");
		assertRefused("rules:\n  - who: [user:a]\n    session-token: {max-seconds: 200000}\n", 3, "outside");
	}

	@Test
	void duplicateKeyWhenParsedThenRefusedWithItsLine() {
		assertRefused("rules: []\ngroups: {}\nrules: []\n", 3, "appears twice");
	}

	@Test
	void whoThatIsNoSubjectWhenParsedThenRefusedWithItsLine() {
		assertRefused("rules:\n  - who:\n      - admins\n", 3, "user:NAME or group:NAME");
	}

	@Test
	void tenMegabyteFileWhenParsedThenRefusedUnread() {
		String huge = "rules: []\n" + "#".repeat(10 * 1024 * 1024);

		assertThatExceptionOfType(PolicyException.class).isThrownBy(() -> PolicyParser.parse(huge))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("at most"));
	}

	@Test
	void anchorBombWhenParsedThenRefusedWithALine() {
		StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
		char previous = 'a';
		for (char name = 'b'; name <= 'j'; name++) {
			bomb.append(name)
				.append(": &")
				.append(name)
				.append(" [")
				.append(String.join(",", java.util.Collections.nCopies(9, "*" + previous)))
				.append("]\n");
			previous = name;
		}
		bomb.append("rules: []\n");

		assertThatExceptionOfType(PolicyException.class).isThrownBy(() -> PolicyParser.parse(bomb.toString()))
			.satisfies((ex) -> assertThat(ex.line()).isBetween(2, 11));
	}

	@Test
	void emptyFileWhenParsedThenRefused() {
		assertRefused("# nothing\n", 1, "empty");
	}

	@Test
	void globalTagWhenParsedThenRefusedWithItsLineAndNoObjectMade() {
		assertRefused(
				"rules:\n  - who: [user:a]\n    session-token:\n      max-seconds: !!javax.script.ScriptEngineManager [x]\n",
				4, "tag is not allowed");
	}

	private static void assertRefused(String yaml, int line, String message) {
		assertThatExceptionOfType(PolicyException.class).isThrownBy(() -> PolicyParser.parse(yaml)).satisfies((ex) -> {
			assertThat(ex.getMessage()).contains(message);
			assertThat(ex.line()).isEqualTo(line);
		});
	}

}
