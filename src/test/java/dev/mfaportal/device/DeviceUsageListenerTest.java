package dev.mfaportal.device;

import java.time.Instant;

import dev.mfaportal.issuing.CredentialsIssued;
import dev.mfaportal.issuing.IssueAttempt;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

class DeviceUsageListenerTest {

	private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

	private static final CredentialsIssued ISSUED = new CredentialsIssued(new IssueAttempt(AT, "alice", "work",
			"AKIA…WXYZ", "arn:aws:iam::123456789012:mfa/alice", "Work", 3600, "127.0.0.1"), AT.plusSeconds(3600));

	private final DeviceRepository devices = mock(DeviceRepository.class);

	private final DeviceUsageListener listener = new DeviceUsageListener(this.devices);

	@Test
	void onWhenCredentialsIssuedThenTheActorsDevicesWithThatSerialAreMarkedUsedAtTheAttempt() {
		this.listener.on(ISSUED);
		then(this.devices).should().markUsed("alice", "arn:aws:iam::123456789012:mfa/alice", AT);
	}

	@Test
	void onWhenDatabaseFailsThenTheIssuingRequestIsNotBroken() {
		given(this.devices.markUsed(any(), any(), any())).willThrow(new DataAccessResourceFailureException("down"));
		assertThatNoException().isThrownBy(() -> this.listener.on(ISSUED));
	}

}
