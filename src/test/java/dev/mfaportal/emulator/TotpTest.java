package dev.mfaportal.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TotpTest {

	/** RFC 6238's SHA1 seed, "12345678901234567890" in ASCII, in Base32. */
	private static final String RFC_SEED_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

	/**
	 * RFC 6238 Appendix B, SHA1 column: the last six digits of each eight-digit value.
	 */
	@ParameterizedTest
	@CsvSource({ "59, 287082", "1111111109, 081804", "1111111111, 050471", "1234567890, 005924", "2000000000, 279037",
			"20000000000, 353130" })
	void currentCodeWhenRfc6238VectorTimeThenRfcCode(long epochSecond, String code) {
		Clock clock = Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
		assertThat(Totp.currentCode(RFC_SEED_BASE32, clock)).isEqualTo(code);
	}

	@Test
	void stepWhenTimesWithinOneThirtySecondWindowThenSameStep() {
		assertThat(Totp.step(Instant.ofEpochSecond(30))).isEqualTo(Totp.step(Instant.ofEpochSecond(59)));
		assertThat(Totp.step(Instant.ofEpochSecond(60))).isEqualTo(Totp.step(Instant.ofEpochSecond(59)) + 1);
	}

	@Test
	void decodeWhenRfc4648VectorsThenBytes() {
		assertThat(Base32.decode("MZXW6YTBOI======")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
		assertThat(Base32.decode("MZXW6YQ=")).isEqualTo("foob".getBytes(StandardCharsets.US_ASCII));
		assertThat(Base32.decode("MY")).isEqualTo("f".getBytes(StandardCharsets.US_ASCII));
		assertThat(Base32.decode("")).isEmpty();
		assertThat(Base32.decode(RFC_SEED_BASE32))
			.isEqualTo("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
	}

	@Test
	void decodeWhenLowerCaseGroupedAndUnpaddedThenSameBytes() {
		assertThat(Base32.decode("mzxw 6ytb oi")).isEqualTo(Base32.decode("MZXW6YTBOI======"));
	}

	@Test
	void decodeWhenCharacterOutsideAlphabetThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> Base32.decode("MZXW1YTB"));
	}

}
