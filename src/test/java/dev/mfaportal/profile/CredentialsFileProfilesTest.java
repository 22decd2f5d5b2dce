package dev.mfaportal.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.mfaportal.credentialsource.AwsFiles;
import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.credentialsource.CredentialSource.Kind;
import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.credentialsource.SearchedPlace;
import dev.mfaportal.issuing.ProfileSaver.Refusal;
import dev.mfaportal.issuing.ProfileSaver.SavedProfile;
import dev.mfaportal.profile.CredentialsFileProfiles.Removal;
import dev.mfaportal.security.HostileValues;
import dev.mfaportal.snippet.SnippetFormat;
import dev.mfaportal.snippet.Snippets;
import dev.mfaportal.sts.StsCaller;
import dev.mfaportal.sts.TemporaryCredentials;
import dev.mfaportal.support.HostileProfileNames;
import dev.mfaportal.support.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.profiles.ProfileFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The profile writer on real files in a temporary home: one section changes, every other
 * byte stays, long-term keys are never overwritten, and names that would break the file
 * are refused.
 */
class CredentialsFileProfilesTest {

	static final TemporaryCredentials ISSUED = new TemporaryCredentials("ASIAISSUED0000000001", "issued/Secret+1",
			"IssuedSessionToken//1", Instant.parse("2026-12-02T22:00:00Z"));

	static final TemporaryCredentials RENEWED = new TemporaryCredentials("ASIAISSUED0000000002", "issued/Secret+2",
			"IssuedSessionToken//2", Instant.parse("2026-12-03T10:00:00Z"));

	static final String OTHERS = """
			# my keys, do not touch
			[default]
			aws_access_key_id = AKIADEFAULT000000001
			aws_secret_access_key = default/secret

			; a comment before prod
			[prod]
			aws_access_key_id=AKIAPROD000000000001
			aws_secret_access_key=prod/secret
			region = eu-west-1
			""";

	static final CredentialSource ALICE = new CredentialSource("profile:alice", Kind.PROFILE, "alice", "AKIA…0001",
			false, "us-east-1", null, false);

	@TempDir
	Path home;

	Path file;

	CredentialsFileProfiles profiles;

	List<CredentialSource> listed = new ArrayList<>();

	@BeforeEach
	void writer() {
		this.file = this.home.resolve(".aws").resolve("credentials");
		this.profiles = new CredentialsFileProfiles(new ProfileSettings(null),
				new AwsFiles(Map.<String, String>of()::get, this.home), new Listed());
	}

	@Test
	void saveWhenNoFileThenCreatedOwnerOnlyWithTheSnippetsSection() throws IOException {
		SavedProfile saved = this.profiles.save("mfa", ISSUED);

		assertThat(saved.written()).isTrue();
		assertThat(saved.file()).isEqualTo("~/.aws/credentials");
		assertThat(read()).isEqualTo(block("mfa", ISSUED));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.file))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.file.getParent())))
			.isEqualTo("rwx------");
	}

	@Test
	void saveWhenOtherSectionsThenAppendedAndEveryOtherByteKept() throws IOException {
		write(OTHERS);

		this.profiles.save("mfa", ISSUED);

		assertThat(read()).isEqualTo(OTHERS + "\n" + block("mfa", ISSUED));
	}

	@Test
	void saveWhenRenewedThenTheSectionIsReplacedInPlaceWithoutDuplicates() throws IOException {
		String before = "[a]\nx = 1\n\n";
		String after = "\n# about b\n[b]\ny = 2\n";
		write(before + block("mfa", ISSUED) + after);

		this.profiles.save("mfa", RENEWED);

		assertThat(read()).isEqualTo(before + block("mfa", RENEWED) + after);
	}

	@Test
	void saveWhenFileUsesCrlfThenTheSectionDoesTooAndTheRestIsKept() throws IOException {
		String crlf = OTHERS.replace("\n", "\r\n");
		write(crlf);

		this.profiles.save("mfa", ISSUED);
		this.profiles.save("mfa", RENEWED);

		assertThat(read()).isEqualTo(crlf + "\r\n" + block("mfa", RENEWED).replace("\n", "\r\n"));
	}

	@Test
	void saveWhenTheSectionIsThereTwiceThenOneIsLeft() throws IOException {
		write("[mfa]\naws_access_key_id = ASIAOLD\naws_session_token = t\n[x]\nk = v\n[mfa]\naws_session_token = t2\n");

		this.profiles.save("mfa", ISSUED);

		assertThat(read()).isEqualTo(block("mfa", ISSUED) + "[x]\nk = v\n");
	}

	@Test
	void saveWhenFileIsLooserOrTighterThenPermissionsAreNeverLoosened() throws IOException {
		write(OTHERS);
		Files.setPosixFilePermissions(this.file, PosixFilePermissions.fromString("rw-r--r--"));
		this.profiles.save("mfa", ISSUED);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.file))).isEqualTo("rw-------");

		Files.setPosixFilePermissions(this.file, PosixFilePermissions.fromString("rw-r-----"));
		this.profiles.save("mfa", RENEWED);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.file))).isEqualTo("rw-------");
	}

	@Test
	void saveWhenTheFileIsASymbolicLinkThenTheLinkStaysAndItsTargetIsWritten() throws IOException {
		Path real = Files.writeString(this.home.resolve("dotfiles-credentials"), OTHERS);
		Files.createDirectories(this.file.getParent());
		Files.createSymbolicLink(this.file, real);

		this.profiles.save("mfa", ISSUED);

		assertThat(Files.isSymbolicLink(this.file)).isTrue();
		assertThat(Files.readString(real)).isEqualTo(OTHERS + "\n" + block("mfa", ISSUED));
		assertThat(temporaryFiles()).isEmpty();
	}

	@Test
	void saveWhenTheFileCannotBeWrittenThenFailureIsSaidAndNothingIsLeftBehind() throws IOException {
		// a file where the folder should be: fails for root too, which ignores
		// permissions
		Files.writeString(this.file.getParent(), OTHERS);

		SavedProfile saved = this.profiles.save("mfa", ISSUED);

		assertThat(saved.written()).isFalse();
		assertThat(saved.failureCode()).isEqualTo("profile.failed.folder");
		assertThat(Files.readString(this.file.getParent())).isEqualTo(OTHERS);
		try (var files = Files.list(this.home)) {
			assertThat(files).containsExactly(this.file.getParent());
		}
	}

	@Test
	void refusalWhenTheSectionHoldsLongTermKeysThenRefusedWithAnotherNameAndNothingWritten() throws IOException {
		write(OTHERS);

		Optional<Refusal> refusal = this.profiles.refusal("default", ALICE);

		assertThat(refusal).hasValueSatisfying((r) -> {
			assertThat(r.messageCode()).isEqualTo("profile.refused.longTerm");
			assertThat(r.arguments()).containsExactly("default", "~/.aws/credentials", "mfa");
		});
		assertThat(this.profiles.save("prod", ISSUED).failureCode()).isEqualTo("profile.failed.longTerm");
		assertThat(read()).isEqualTo(OTHERS);
	}

	@Test
	void refusalWhenTheSectionIsThisCallsOwnSourceThenRefused() {
		assertThat(this.profiles.refusal("alice", ALICE)).hasValueSatisfying((r) -> {
			assertThat(r.messageCode()).isEqualTo("profile.refused.source");
			assertThat(r.arguments()).containsExactly("alice", "mfa");
		});
	}

	@Test
	void refusalWhenLongTermKeysOfThatNameLiveInTheConfigFileThenRefused() {
		this.listed.add(
				new CredentialSource("profile:ops", Kind.PROFILE, "ops", "AKIA…0002", false, "us-east-1", null, false));

		assertThat(this.profiles.refusal("ops", ALICE)).map(Refusal::messageCode).hasValue("profile.refused.longTerm");
	}

	@Test
	void refusalWhenTheSectionHoldsAnEarlierSessionThenNone() throws IOException {
		write(OTHERS + block("mfa", ISSUED));

		assertThat(this.profiles.refusal("mfa", ALICE)).isEmpty();
	}

	@Test
	void hostileNamesWhenSavedThenRefusedOrReadBackAsThemselvesAndOtherSectionsIntact() throws IOException {
		List<String> names = new ArrayList<>(HostileProfileNames.ALL);
		HostileValues values = new HostileValues(13);
		for (int i = 0; i < 200; i++) {
			names.add(values.next("mfa"));
		}
		for (String name : names) {
			write(OTHERS);
			boolean refused = this.profiles.refusal(name, ALICE).isPresent();
			SavedProfile saved = this.profiles.save(name, ISSUED);
			if (refused) {
				assertThat(saved.written()).as(name).isFalse();
				assertThat(read()).as(name).isEqualTo(OTHERS);
				continue;
			}
			assertThat(saved.written()).as(name).isTrue();
			assertThat(read()).as(name).isEqualTo(OTHERS + "\n" + block(name, ISSUED));
			assertThat(CredentialsFileText.parse(read()).properties(name)).as(name)
				.hasValueSatisfying((p) -> assertThat(p).containsEntry("aws_session_token", ISSUED.sessionToken()));
		}
		assertThat(names).filteredOn((name) -> this.profiles.refusal(name, ALICE).isEmpty())
			.contains("mfa", "@home", "+p")
			.doesNotContain("x.y,z", "a=b", "-rf", "[x]", " x", "x ", "a#b", "a;b", "", "p\ntouch pwned", "x\r",
					"profile x");
	}

	/**
	 * Every name the writer takes is read back as itself by the readers people use: the
	 * Java SDK's profile parser and the Debian AWS CLI (v2), in one file with every name
	 * at once. The names: a seeded set over an alphabet wider than any rule, the hostile
	 * names, and the edges of the rule.
	 */
	@Test
	void namesWhenTheWriterTakesThemThenTheSdkAndTheAwsCliReadEachBack() throws Exception {
		Path cli = Tools.requireAwsCli();
		List<String> candidates = new ArrayList<>(HostileProfileNames.ALL);
		candidates.addAll(List.of("mfa", "a", "x".repeat(64), "x".repeat(65), "team/prod", "a:b", "a.b@c+d", "x.y",
				"%p", "p%", "_", ".", "a-"));
		java.util.Random random = new java.util.Random(26);
		String alphabet = "abcXYZ019_-+.@:/%,=#;[] \"'$!*";
		for (int i = 0; i < 150; i++) {
			StringBuilder name = new StringBuilder();
			for (int n = 1 + random.nextInt(12); n > 0; n--) {
				name.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			candidates.add(name.toString());
		}
		List<String> taken = candidates.stream()
			.distinct()
			.filter((name) -> this.profiles.refusal(name, ALICE).isEmpty())
			.toList();
		assertThat(taken).contains("mfa", "@home", "+p", "team/prod", "a:b", "x".repeat(64))
			.doesNotContain("-rf", "--debug", "a=b", "x.y,z", "x".repeat(65));
		for (String name : taken) {
			assertThat(this.profiles.save(name, ISSUED).written()).as(name).isTrue();
		}

		ProfileFile sdk = ProfileFile.builder().content(this.file).type(ProfileFile.Type.CREDENTIALS).build();
		for (String name : taken) {
			assertThat(sdk.profile(name).flatMap((p) -> p.property("aws_session_token"))).as(name)
				.hasValue(ISSUED.sessionToken());
		}
		assertThat(aws(cli, "configure", "list-profiles").lines().toList()).containsExactlyInAnyOrderElementsOf(taken);
		for (String name : List.of("@home", "+p", "team/prod", "a:b", "a.b@c+d", "_")) {
			assertThat(aws(cli, "configure", "get", "aws_access_key_id", "--profile", name)).as(name)
				.isEqualTo(ISSUED.accessKeyId() + "\n");
		}
	}

	/** Names the writer refuses are said in words, and nothing is written. */
	@Test
	void namesWhenTheSdksWouldSkipThemThenRefusedWithTheRule() throws IOException {
		for (String name : List.of("x.y,z", "a=b", "-rf", "a b", "")) {
			assertThat(this.profiles.refusal(name, ALICE)).as(name)
				.hasValueSatisfying((refusal) -> assertThat(refusal.messageCode()).isEqualTo("profile.refused.name"));
			assertThat(this.profiles.save(name, ISSUED).written()).as(name).isFalse();
		}
		assertThat(this.file).doesNotExist();
	}

	/** The CLI as a person runs it, with only this test's credentials file. */
	private String aws(Path cli, String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of(cli.toString()));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().keySet().removeIf((name) -> name.startsWith("AWS_"));
		builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", this.file.toString());
		builder.environment().put("AWS_CONFIG_FILE", this.home.resolve("no-config").toString());
		builder.environment().put("HOME", this.home.toString());
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
		return output;
	}

	@Test
	void removeWhenSavedThenTheFileIsAsBefore() throws IOException {
		write(OTHERS);
		this.profiles.save("mfa", ISSUED);

		assertThat(this.profiles.remove("mfa")).isEqualTo(Removal.REMOVED);
		assertThat(read()).isEqualTo(OTHERS);
		assertThat(this.profiles.remove("mfa")).isEqualTo(Removal.ABSENT);
	}

	@Test
	void removeWhenTheSectionHoldsLongTermKeysThenLeftAlone() throws IOException {
		write(OTHERS);

		assertThat(this.profiles.remove("default")).isEqualTo(Removal.LONG_TERM_KEYS);
		assertThat(read()).isEqualTo(OTHERS);
	}

	@Test
	void saveWhenManyAtOnceThenEachSectionOnceAndNoTemporaryFileLeft() throws Exception {
		write(OTHERS);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<SavedProfile>> saves = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				String name = "p" + (i % 5);
				saves.add(() -> this.profiles.save(name, (name.hashCode() % 2 == 0) ? ISSUED : RENEWED));
			}
			for (Future<SavedProfile> saved : pool.invokeAll(saves)) {
				assertThat(saved.get().written()).isTrue();
			}
		}
		finally {
			pool.shutdown();
		}
		String text = read();
		assertThat(text).startsWith(OTHERS);
		for (int i = 0; i < 5; i++) {
			assertThat(text.split("\\[p" + i + "]", -1)).as("p" + i).hasSize(2);
		}
		assertThat(temporaryFiles()).isEmpty();
	}

	/**
	 * Files a person (or a dotfile manager, or an attacker with a tidy-looking snippet)
	 * could leave where the portal writes: whatever it finds, no long-term key and no
	 * setting it didn't write is lost, and a file it can't write is refused before STS
	 * with the reason, never a half-written file or a 500.
	 */
	@Nested
	class HostileFiles {

		static final String SESSION = "aws_access_key_id = ASIAOLD\naws_secret_access_key = old\naws_session_token = t\n";

		static final String LONG_TERM = "aws_access_key_id = AKIALONGTERM00000001\naws_secret_access_key = long/secret\n";

		@Test
		void duplicatesWhenAnyCopyHoldsLongTermKeysThenRefusedAndEveryCopyKept() throws IOException {
			for (String text : List.of("[mfa]\n" + SESSION + "[x]\nk = v\n[mfa]\n" + LONG_TERM,
					"[mfa]\n" + LONG_TERM + "\n" + block("mfa", ISSUED))) {
				write(text);

				assertRefusedAndUntouched("mfa", "longTerm", Removal.LONG_TERM_KEYS);
			}
		}

		@Test
		void foreignSectionWhenSavedOrRemovedThenRefusedWithAFreeNameAndKept() throws IOException {
			for (String body : List.of("credential_process = /usr/local/bin/keys --json\n",
					"role_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = default\n",
					"sso_session = corp\nsso_account_id = 123456789012\nsso_role_name = admin\n",
					SESSION + "region = eu-west-1\n", SESSION + "mfa_serial = arn:aws:iam::123456789012:mfa/me\n")) {
				write("[work]\n" + body + "\n" + block("mfa", ISSUED));

				assertThat(this.refusal("work")).as(body).hasValueSatisfying((r) -> {
					assertThat(r.messageCode()).isEqualTo("profile.refused.foreign");
					assertThat(r.arguments()).containsExactly("work", "~/.aws/credentials", "mfa");
				});
				assertRefusedAndUntouched("work", "foreign", Removal.FOREIGN);
			}
		}

		@Test
		void duplicatesWhenOneCopyIsForeignThenRefusedAndEveryCopyKept() throws IOException {
			write(block("mfa", ISSUED) + "[x]\nk = v\n[mfa]\ncredential_process = /bin/keys\n");

			assertRefusedAndUntouched("mfa", "foreign", Removal.FOREIGN);
		}

		@Test
		void longTermKeysWrittenWithAColonWhenSavedOrRemovedThenRefusedAndKept() throws IOException {
			// botocore's parser takes ':' as well as '=' between a key and its value
			write("[mfa]\naws_access_key_id: AKIALONGTERM00000001\naws_secret_access_key: long/secret\n");

			assertRefusedAndUntouched("mfa", "longTerm", Removal.LONG_TERM_KEYS);
		}

		@Test
		void lineTheReadersWouldNotTakeWhenSavedOrRemovedThenRefusedAsForeignAndKept() throws IOException {
			write("[mfa]\n" + SESSION + "something the portal never writes\n");

			assertRefusedAndUntouched("mfa", "foreign", Removal.FOREIGN);
		}

		@Test
		void longTermKeysWithAnEmptySessionTokenWhenSavedOrRemovedThenRefusedAndKept() throws IOException {
			// an empty token is no token to the AWS CLI: these are long-term keys
			write("[mfa]\n" + LONG_TERM + "aws_session_token =\n");

			assertRefusedAndUntouched("mfa", "longTerm", Removal.LONG_TERM_KEYS);
		}

		@Test
		void fileWithLoneCarriageReturnLineEndsWhenSavedThenOnlyTheSectionChangesAndOtherKeysStay() throws IOException {
			write("[mfa]\r" + SESSION.replace("\n", "\r") + "[prod]\r" + LONG_TERM.replace("\n", "\r"));

			assertThat(CredentialsFileProfilesTest.this.profiles.save("mfa", ISSUED).written()).isTrue();

			assertThat(read()).contains("[prod]\r" + LONG_TERM.replace("\n", "\r"))
				.contains(ISSUED.accessKeyId())
				.doesNotContain("ASIAOLD");
		}

		@Test
		void sectionWhenItHoldsOnlySessionKeysOrTheExpiryCommentThenReplacedAndRemoved() throws IOException {
			for (String text : List.of("[mfa]\n" + SESSION, "[mfa]\n", block("mfa", RENEWED),
					block("mfa", RENEWED).replace("]\n", "]\nregion = eu-west-1\n"))) {
				write(OTHERS + "\n" + text);

				assertThat(CredentialsFileProfilesTest.this.profiles.refusal("mfa", ALICE)).as(text).isEmpty();
				assertThat(CredentialsFileProfilesTest.this.profiles.save("mfa", ISSUED).written()).as(text).isTrue();
				assertThat(read()).as(text).isEqualTo(OTHERS + "\n" + block("mfa", ISSUED));
				assertThat(CredentialsFileProfilesTest.this.profiles.remove("mfa")).isEqualTo(Removal.REMOVED);
			}
		}

		@Test
		void danglingLinkWhenSavedThenItsTargetIsCreatedOwnerOnlyAndTheLinkStays() throws IOException {
			Files.createDirectories(CredentialsFileProfilesTest.this.file.getParent());
			Path absolute = CredentialsFileProfilesTest.this.home.resolve("dotfiles").resolve("aws-credentials");
			Files.createSymbolicLink(CredentialsFileProfilesTest.this.file, absolute);

			assertThat(CredentialsFileProfilesTest.this.profiles.refusal("mfa", ALICE)).isEmpty();
			assertThat(CredentialsFileProfilesTest.this.profiles.save("mfa", ISSUED).written()).isTrue();

			assertThat(Files.readSymbolicLink(CredentialsFileProfilesTest.this.file)).isEqualTo(absolute);
			assertThat(Files.readString(absolute)).isEqualTo(block("mfa", ISSUED));
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(absolute))).isEqualTo("rw-------");

			// a relative link, through a second one, is resolved from the folder it lies
			// in
			Path relative = Path.of("..", "dotfiles", "second");
			Files.delete(absolute);
			Files.createSymbolicLink(absolute, Path.of("third"));
			Files.delete(CredentialsFileProfilesTest.this.file);
			Files.createSymbolicLink(CredentialsFileProfilesTest.this.file, relative);
			Files.createSymbolicLink(absolute.resolveSibling("second"), Path.of("aws-credentials"));

			assertThat(CredentialsFileProfilesTest.this.profiles.save("mfa", RENEWED).written()).isTrue();
			assertThat(Files.readString(absolute.resolveSibling("third"))).isEqualTo(block("mfa", RENEWED));
			assertThat(Files.isSymbolicLink(absolute)).isTrue();
			assertThat(temporaryFiles()).isEmpty();
		}

		@Test
		void loopingLinkWhenSavedOrRemovedThenRefusedWithTheReasonAndTheLinksKept() throws IOException {
			Files.createDirectories(CredentialsFileProfilesTest.this.file.getParent());
			Files.createSymbolicLink(CredentialsFileProfilesTest.this.file, Path.of("other"));
			Files.createSymbolicLink(CredentialsFileProfilesTest.this.file.resolveSibling("other"),
					Path.of("credentials"));

			assertRefusedAndUntouched("mfa", "linkLoop", Removal.FAILED);
		}

		@Test
		void directoryWhereTheFileShouldBeWhenSavedOrRemovedThenRefusedWithTheReason() throws IOException {
			Files.createDirectories(CredentialsFileProfilesTest.this.file);

			assertRefusedAndUntouched("mfa", "directory", Removal.FAILED);
		}

		@Test
		void readOnlyFileWhenSavedOrRemovedThenRefusedWithTheReasonAndItStaysAsItWas() throws IOException {
			write(OTHERS + "\n" + block("mfa", ISSUED));
			Files.setPosixFilePermissions(CredentialsFileProfilesTest.this.file,
					PosixFilePermissions.fromString("r--------"));

			assertRefusedAndUntouched("mfa", "readOnly", Removal.FAILED);

			// the same behind a link
			Path link = CredentialsFileProfilesTest.this.home.resolve("link");
			Files.createSymbolicLink(link, CredentialsFileProfilesTest.this.file);
			CredentialsFileProfiles linked = new CredentialsFileProfiles(new ProfileSettings(link),
					new AwsFiles(Map.<String, String>of()::get, CredentialsFileProfilesTest.this.home), new Listed());
			assertThat(linked.refusal("mfa", ALICE)).map(Refusal::messageCode).hasValue("profile.refused.readOnly");
		}

		@Test
		void fileWhereTheFolderShouldBeWhenSavedThenRefusedBeforeSts() throws IOException {
			Files.writeString(CredentialsFileProfilesTest.this.file.getParent(), OTHERS);

			assertRefusedAndUntouched("mfa", "folder", Removal.ABSENT);
		}

		private Optional<Refusal> refusal(String name) {
			return CredentialsFileProfilesTest.this.profiles.refusal(name, ALICE);
		}

		/**
		 * Refused before STS and again at save time (the file may change in between), not
		 * removed, and every file, link and permission under the home as it was.
		 */
		private void assertRefusedAndUntouched(String name, String reason, Removal removal) throws IOException {
			Map<String, String> before = tree();

			assertThat(refusal(name)).map(Refusal::messageCode).hasValue("profile.refused." + reason);
			assertThat(CredentialsFileProfilesTest.this.profiles.save(name, ISSUED).failureCode())
				.isEqualTo("profile.failed." + reason);
			assertThat(CredentialsFileProfilesTest.this.profiles.remove(name)).isEqualTo(removal);
			assertThat(tree()).isEqualTo(before);
		}

		/**
		 * Every path under the home: a link's target, a folder, or a file's mode and
		 * bytes.
		 */
		private Map<String, String> tree() throws IOException {
			Map<String, String> tree = new TreeMap<>();
			try (var paths = Files.walk(CredentialsFileProfilesTest.this.home)) {
				for (Path path : paths.toList()) {
					String value = Files.isSymbolicLink(path) ? "-> " + Files.readSymbolicLink(path)
							: Files.isDirectory(path) ? "folder"
									: PosixFilePermissions.toString(Files.getPosixFilePermissions(path)) + " "
											+ Files.readString(path, StandardCharsets.ISO_8859_1);
					tree.put(CredentialsFileProfilesTest.this.home.relativize(path).toString(), value);
				}
			}
			return tree;
		}

	}

	private static String block(String name, TemporaryCredentials credentials) {
		return Snippets.render(SnippetFormat.CREDENTIALS_FILE, credentials, name).content();
	}

	private void write(String text) throws IOException {
		Files.createDirectories(this.file.getParent());
		Files.writeString(this.file, text, StandardCharsets.ISO_8859_1);
	}

	private String read() throws IOException {
		return Files.readString(this.file, StandardCharsets.ISO_8859_1);
	}

	private List<Path> temporaryFiles() throws IOException {
		try (var files = Files.list(this.file.getParent())) {
			return files.filter((f) -> f.getFileName().toString().endsWith(".tmp")).toList();
		}
	}

	/** The config file's sources as the test sets them. */
	private final class Listed implements CredentialSources {

		@Override
		public List<CredentialSource> list() {
			return CredentialsFileProfilesTest.this.listed;
		}

		@Override
		public StsCaller caller(CredentialSource source) {
			throw new UnsupportedOperationException();
		}

		@Override
		public List<SearchedPlace> searched() {
			return List.of();
		}

	}

}
