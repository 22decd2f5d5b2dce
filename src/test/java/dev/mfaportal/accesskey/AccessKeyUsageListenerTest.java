package dev.mfaportal.accesskey;

import java.time.Instant;

import dev.mfaportal.issuing.CredentialsIssued;
import dev.mfaportal.issuing.IssueAttempt;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

class AccessKeyUsageListenerTest {

	private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

	private final StoredAccessKeys keys = mock(StoredAccessKeys.class);

	private final AccessKeyUsageListener listener = new AccessKeyUsageListener(this.keys);

	private static CredentialsIssued issued() {
		return new CredentialsIssued(new IssueAttempt(T0, "alice", "Work", "AKIA…MPLE",
				"arn:aws:iam::123456789012:mfa/alice", null, 3600, "127.0.0.1"), T0.plusSeconds(3600));
	}

	@Test
	void onWhenCredentialsIssuedThenTheActorsKeyWithThatLabelIsMarkedUsed() {
		this.listener.on(issued());
		then(this.keys).should().markUsed("alice", "Work", T0);
	}

	@Test
	void onWhenTheDatabaseFailsThenTheIssuedCredentialsAreNotLost() {
		given(this.keys.markUsed("alice", "Work", T0)).willThrow(new DataAccessResourceFailureException("down"));
		assertThatNoException().isThrownBy(() -> this.listener.on(issued()));
	}

}
