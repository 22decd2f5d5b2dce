package dev.mfaportal.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.mfaportal.security.LaunchToken.Use;
import dev.mfaportal.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class LaunchTokenTest {

	final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));

	final LaunchToken tokens = new LaunchToken(this.clock,
			new AccessSettings(true, List.of("localhost"), Duration.ofMinutes(5)));

	@Test
	void spendWhenOfferedTwiceThenTheSecondIsRefusedAsUsed() {
		String token = this.tokens.issue();
		assertThat(this.tokens.spend(token)).isEqualTo(Use.ADMITTED);
		assertThat(this.tokens.spend(token)).isEqualTo(Use.USED);
	}

	@Test
	void spendWhenPastItsLifetimeThenRefused() {
		String token = this.tokens.issue();
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(this.tokens.spend(token)).isEqualTo(Use.UNKNOWN);
	}

	@Test
	void spendWhenJustInTimeThenAdmitted() {
		String token = this.tokens.issue();
		this.clock.advance(Duration.ofMinutes(5).minusSeconds(1));
		assertThat(this.tokens.spend(token)).isEqualTo(Use.ADMITTED);
	}

	@Test
	void spendWhenNeverIssuedOrAnotherRunsThenUnknown() {
		LaunchToken otherRun = new LaunchToken(this.clock,
				new AccessSettings(true, List.of("localhost"), Duration.ofMinutes(5)));
		assertThat(this.tokens.spend(otherRun.issue())).isEqualTo(Use.UNKNOWN);
		assertThat(this.tokens.spend("")).isEqualTo(Use.UNKNOWN);
		assertThat(this.tokens.spend(null)).isEqualTo(Use.UNKNOWN);
	}

	@Test
	void issueWhenCalledTwiceThenTwoKeysEachAdmittingOnce() {
		String first = this.tokens.issue();
		String second = this.tokens.issue();
		assertThat(first).isNotEqualTo(second);
		assertThat(this.tokens.spend(second)).isEqualTo(Use.ADMITTED);
		assertThat(this.tokens.spend(first)).isEqualTo(Use.ADMITTED);
	}

	/**
	 * Past the cap, the newest link works and the oldest is the one dropped, and the log
	 * says so: before, the new link was silently never held, so the owner's fresh link
	 * opened nothing.
	 */
	@Test
	void issueWhenTheCapOfOpenLinksIsReachedThenTheOldestIsDroppedTheNewestWorksAndTheLogSaysSo(CapturedOutput output) {
		List<String> issued = new ArrayList<>();
		for (int i = 0; i <= LaunchToken.MOST_OPEN; i++) {
			issued.add(this.tokens.issue());
			this.clock.advance(Duration.ofMillis(100));
		}
		assertThat(output.getAll()).contains("64 launch links were open and unused at once");
		assertThat(this.tokens.spend(issued.get(LaunchToken.MOST_OPEN))).isEqualTo(Use.ADMITTED);
		assertThat(this.tokens.spend(issued.get(0))).isEqualTo(Use.UNKNOWN);
		assertThat(this.tokens.spend(issued.get(1))).isEqualTo(Use.ADMITTED);
	}

}
