package dev.mfaportal.policy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code *} matches within one ARN segment: never across {@code :} or {@code /}. */
class ArnPatternTest {

	@Test
	void starWhenWithinOneSegmentThenMatches() {
		ArnPattern pattern = new ArnPattern("arn:aws:iam::111122223333:role/read-*");

		assertThat(pattern.matches("arn:aws:iam::111122223333:role/read-logs")).isTrue();
		assertThat(pattern.matches("arn:aws:iam::111122223333:role/read-")).isTrue();
		assertThat(pattern.matches("arn:aws:iam::111122223333:role/write-logs")).isFalse();
	}

	@Test
	void starWhenTheArnHasAnotherSegmentThenNoMatch() {
		ArnPattern pattern = new ArnPattern("arn:aws:iam::111122223333:role/read-*");

		assertThat(pattern.matches("arn:aws:iam::111122223333:role/read-x/admin")).isFalse();
		assertThat(pattern.matches("arn:aws:iam::111122223333:role/read-x:admin")).isFalse();
		assertThat(new ArnPattern("arn:aws:iam::*:role/deploy").matches("arn:aws:iam::1:2:role/deploy")).isFalse();
	}

	@Test
	void patternWhenNotARoleArnThenInvalid() {
		assertThat(ArnPattern.isValid("arn:aws:iam::111122223333:role/read-*")).isTrue();
		assertThat(ArnPattern.isValid("arn:aws:iam::*:role/team/deploy")).isTrue();
		assertThat(ArnPattern.isValid("*")).isFalse();
		assertThat(ArnPattern.isValid("arn:aws:iam::111122223333:user/alice")).isFalse();
		assertThat(ArnPattern.isValid("arn:aws:iam::111122223333:role/")).isFalse();
		assertThat(ArnPattern.isValid("arn:aws:iam::111122223333:role//x")).isFalse();
	}

	@Test
	void manyStarsWhenMatchedAgainstALongArnThenAnswersQuickly() {
		ArnPattern pattern = new ArnPattern("arn:aws:iam::*:role/" + "*a".repeat(30) + "b");
		String arn = "arn:aws:iam::111122223333:role/" + "a".repeat(1900);

		assertThat(pattern.matches(arn)).isFalse();
	}

}
