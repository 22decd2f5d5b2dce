package dev.mfaportal.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import dev.mfaportal.issuing.IssuePolicy.Decision;
import dev.mfaportal.support.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The file as the portal reads it: a bad file stops the start; a changed file is read
 * again, a bad change keeps the last good policy and says why with its line; each read is
 * announced for the history.
 */
class PolicyFileTest {

	static final String ALICE_READS = """
			rules:
			  - name: readers
			    who: [user:alice]
			    roles:
			      - arn: "arn:aws:iam::111122223333:role/read-*"
			        max-seconds: 3600
			""";

	static final String ROLE = "arn:aws:iam::111122223333:role/read-logs";

	@TempDir
	Path dir;

	final List<Object> events = new CopyOnWriteArrayList<>();

	PolicyFile file;

	@AfterEach
	void stop() {
		if (this.file != null) {
			this.file.destroy();
		}
	}

	private PolicyFile start(Path path) {
		// Polled by hand: the test says when the file is looked at.
		return new PolicyFile(new PolicySettings(path, Duration.ofHours(1), null), Clock.systemUTC(), this.events::add);
	}

	/** Polled by its own thread every 20 ms, as the portal polls it every second. */
	private PolicyFile polling(Path path, Function<Path, Policy> reader) {
		return new PolicyFile(new PolicySettings(path, Duration.ofMillis(20), null), Clock.systemUTC(),
				this.events::add, reader);
	}

	private static void mkfifo(Path path) throws IOException, InterruptedException {
		Tools.require(Tools.onPath("mkfifo").isPresent(), "no mkfifo (coreutils)");
		Process process = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
		assertThat(process.waitFor()).as(new String(process.getInputStream().readAllBytes())).isZero();
	}

	@Test
	void badFileWhenStartingThenStartRefusedNamingFileAndLine() throws IOException {
		Path policy = Files.writeString(this.dir.resolve("policy.yaml"), "rules:\n  - who: [user:a]\n    oops: 1\n");

		assertThatExceptionOfType(PolicyStartupException.class).isThrownBy(() -> start(policy)).satisfies((ex) -> {
			assertThat(ex.getMessage()).contains(policy.toString()).contains("line 3").contains("unknown key oops");
			FailureAnalysis analysis = new PolicyStartupFailureAnalyzer().analyze(ex);
			assertThat(analysis.getDescription()).contains("line 3");
			assertThat(analysis.getAction()).contains("portal.team.policy-file");
		});
	}

	@Test
	void missingFileWhenStartingThenStartRefused() {
		assertThatExceptionOfType(PolicyStartupException.class).isThrownBy(() -> start(this.dir.resolve("absent.yaml")))
			.withMessageContaining("there is no file");
	}

	@Test
	void badChangeWhenPolledThenLastGoodKeptAndErrorWithLineThenGoodChangeTaken() throws IOException {
		Path policy = Files.writeString(this.dir.resolve("policy.yaml"), ALICE_READS);
		this.file = start(policy);
		TeamPolicy team = new TeamPolicy(this.file, new SignedInGroups(null));
		assertThat(team.check("alice", ROLE, 3600).decision()).isEqualTo(Decision.ALLOWED);

		Files.writeString(policy,
				"rules:\n  - who: [user:alice]\n    roles:\n      - arn: \"*\"\n        max-seconds: 1\n");
		this.file.poll();
		assertThat(this.events).as("a file just changed waits one poll: it may be half-written").isEmpty();
		assertThat(this.file.state().error()).isNull();
		this.file.poll();

		assertThat(team.check("alice", ROLE, 3600).decision()).as("last good policy").isEqualTo(Decision.ALLOWED);
		assertThat(this.file.state().error()).startsWith("line 4:");
		assertThat(this.events).singleElement()
			.isInstanceOfSatisfying(PolicyChanged.class, (changed) -> assertThat(changed.accepted()).isFalse());

		this.file.poll();
		this.file.poll();
		assertThat(this.events).as("a bad file is reported once").hasSize(1);

		Files.writeString(policy, ALICE_READS.replace("user:alice", "user:bob"));
		this.file.poll();
		assertThat(team.check("alice", ROLE, 3600).decision()).as("not yet: changed one poll ago")
			.isEqualTo(Decision.ALLOWED);
		this.file.poll();

		assertThat(team.check("alice", ROLE, 3600).decision()).isEqualTo(Decision.REFUSED);
		assertThat(team.check("bob", ROLE, 3600).decision()).isEqualTo(Decision.ALLOWED);
		assertThat(this.file.state().error()).isNull();
		assertThat(this.events).hasSize(2)
			.last()
			.isInstanceOfSatisfying(PolicyChanged.class, (changed) -> assertThat(changed.accepted()).isTrue());
	}

	@Test
	void tenMegabyteChangeWhenPolledThenRefusedUnreadAndLastGoodKept() throws IOException {
		Path policy = Files.writeString(this.dir.resolve("policy.yaml"), ALICE_READS);
		this.file = start(policy);

		Files.write(policy, new byte[10 * 1024 * 1024]);
		this.file.poll();
		this.file.poll();

		assertThat(this.file.state().error()).contains("at most");
		assertThat(this.file.policy().rules()).hasSize(1);
	}

	@Test
	void fileRemovedWhenPolledThenLastGoodKept() throws IOException {
		Path policy = Files.writeString(this.dir.resolve("policy.yaml"), ALICE_READS);
		this.file = start(policy);

		Files.delete(policy);
		this.file.poll();
		this.file.poll();

		assertThat(this.file.state().error()).contains("there is no file");
		assertThat(this.file.policy().rules()).hasSize(1);
	}

	@Test
	void namedPipeWhenPolledThenRefusedAtOnceNamingItAndPollingGoesOnToTheNextGoodChange() throws Exception {
		Path policy = Files.writeString(this.dir.resolve("policy.yaml"), ALICE_READS);
		this.file = polling(policy, PolicyFile::read);

		// Swapped in whole, as an editor or a ConfigMap does: the poller never sees no
		// file.
		Path pipe = this.dir.resolve("pipe");
		mkfifo(pipe);
		Files.move(pipe, policy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		// Reading a pipe waits for a writer, so a poller that opened it would wait
		// forever.
		PolicyOnTwoInstancesContract.within(Duration.ofSeconds(5), "the pipe refused",
				() -> this.file.state().error() != null);
		assertThat(this.file.state().error()).contains("named pipe").contains("not a regular file");
		assertThat(this.file.policy().rules()).as("last good").hasSize(1);

		Path good = Files.writeString(this.dir.resolve("good"), ALICE_READS.replace("user:alice", "user:bob"));
		Files.move(good, policy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		PolicyOnTwoInstancesContract.within(Duration.ofSeconds(5), "the good change taken",
				() -> this.file.state().error() == null);
		TeamPolicy team = new TeamPolicy(this.file, new SignedInGroups(null));
		assertThat(team.check("bob", ROLE, 3600).decision()).isEqualTo(Decision.ALLOWED);
	}

	@Test
	void namedPipeWhenStartingThenStartRefusedAtOnceNamingIt() throws Exception {
		Path policy = this.dir.resolve("policy.yaml");
		mkfifo(policy);

		assertTimeoutPreemptively(Duration.ofSeconds(5),
				() -> assertThatExceptionOfType(PolicyStartupException.class).isThrownBy(() -> start(policy))
					.withMessageContaining("named pipe"));
	}

	@Test
	void linkToADeviceOrADirectoryWhenPolledThenRefusedUnopenedSayingWhatItIs() throws IOException {
		Path policy = Files.writeString(this.dir.resolve("policy.yaml"), ALICE_READS);
		this.file = start(policy);

		// /dev/zero never ends: read, it would fill the memory.
		Files.delete(policy);
		Files.createSymbolicLink(policy, Path.of("/dev/zero"));
		this.file.poll();
		this.file.poll();
		assertThat(this.file.state().error()).contains("character device").contains("not a regular file");

		Files.delete(policy);
		Files.createDirectory(policy);
		this.file.poll();
		this.file.poll();
		assertThat(this.file.state().error()).contains("directory").contains("not a regular file");
		assertThat(this.file.policy().rules()).as("last good").hasSize(1);
	}

	@Test
	void errorWhileParsingWhenPolledThenReportedLastGoodKeptAndPollingGoesOnToTheNextGoodChange() throws Exception {
		Path policy = Files.writeString(this.dir.resolve("policy.yaml"), ALICE_READS);
		this.file = polling(policy, (path) -> {
			Policy read = PolicyFile.read(path);
			if (read.rules().get(0).name().equals("deep")) {
				// As a YAML nested past what the stack holds would.
				throw new StackOverflowError();
			}
			return read;
		});

		Files.writeString(policy, ALICE_READS.replace("readers", "deep"));
		PolicyOnTwoInstancesContract.within(Duration.ofSeconds(5), "the error shown",
				() -> this.file.state().error() != null);
		assertThat(this.file.state().error()).contains("StackOverflowError");
		assertThat(this.events).last()
			.isInstanceOfSatisfying(PolicyChanged.class, (changed) -> assertThat(changed.accepted()).isFalse());
		assertThat(this.file.policy().rules()).singleElement()
			.satisfies((rule) -> assertThat(rule.name()).isEqualTo("readers"));

		Files.writeString(policy, ALICE_READS.replace("user:alice", "user:bob"));
		PolicyOnTwoInstancesContract.within(Duration.ofSeconds(5), "the good change taken",
				() -> this.file.state().error() == null);
		TeamPolicy team = new TeamPolicy(this.file, new SignedInGroups(null));
		assertThat(team.check("bob", ROLE, 3600).decision()).isEqualTo(Decision.ALLOWED);
	}

	@Test
	void noFileSetWhenAskedThenEverythingAllowed() {
		this.file = start(null);
		TeamPolicy team = new TeamPolicy(this.file, new SignedInGroups("groups"));

		assertThat(team.check("anyone", "arn:aws:iam::1:role/x", 43200))
			.isEqualTo(dev.mfaportal.issuing.IssuePolicy.Verdict.ALLOWED);
		assertThat(team.grants("anyone").unlimited()).isTrue();
		assertThat(team.ruleFor("anyone", List.of(), "arn:aws:iam::1:role/x")).isEmpty();
	}

}
