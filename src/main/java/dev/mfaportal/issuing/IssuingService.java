package dev.mfaportal.issuing;

import java.net.URI;
import java.time.Clock;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.issuing.AttemptGuard.Decision;
import dev.mfaportal.issuing.AttemptGuard.Verdict;
import dev.mfaportal.issuing.IssueRejected.Reason;
import dev.mfaportal.snippet.Snippets;
import dev.mfaportal.sts.ConsoleSignIn;
import dev.mfaportal.sts.RoleCredentials;
import dev.mfaportal.sts.RoleRequest;
import dev.mfaportal.sts.SessionTokenRequest;
import dev.mfaportal.sts.StsModel;
import dev.mfaportal.sts.StsCallException;
import dev.mfaportal.sts.StsCaller;
import dev.mfaportal.sts.StsGateway;
import dev.mfaportal.sts.TemporaryCredentials;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * One validated form, the attempt limits, one STS call, every snippet; and an event for
 * each outcome, which the audit and the limits record. Issuing doesn't know where they
 * keep it.
 */
@Service
class IssuingService {

	private static final Logger logger = LoggerFactory.getLogger(IssuingService.class);

	private final CredentialSources sources;

	private final StsGateway sts;

	private final AttemptGuard guard;

	private final DevicePresets presets;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ConsoleSignIn console;

	private final RenewLinks renewLinks;

	private final IssuePolicy policy;

	private final ApprovalGate approvals;

	private final MemberTrails trails;

	IssuingService(CredentialSources sources, StsGateway sts, AttemptGuard guard, DevicePresets presets,
			ApplicationEventPublisher events, Clock clock, ConsoleSignIn console, RenewLinks renewLinks,
			ObjectProvider<IssuePolicy> policy, ObjectProvider<ApprovalGate> approvals,
			ObjectProvider<MemberTrails> trails) {
		this.trails = trails.getIfAvailable(() -> MemberTrails.NONE);
		this.policy = policy.getIfAvailable(() -> IssuePolicy.ALLOW_ALL);
		this.approvals = approvals.getIfAvailable(() -> ApprovalGate.NONE);
		this.console = console;
		this.renewLinks = renewLinks;
		this.sources = sources;
		this.sts = sts;
		this.guard = guard;
		this.presets = presets;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * @param actor who asks
	 * @param clientAddress from where
	 * @param source whose keys sign the call
	 * @param form a form that passed {@link IssueFormValidator}
	 * @return the credentials and their snippets
	 * @throws PolicyRefusedException when the team's policy refuses it (nothing is
	 * reserved, STS is not called)
	 * @throws AttemptRefusedException when the attempt limits refuse it (STS is not
	 * called)
	 * @throws StsCallException when STS gives no credentials
	 */
	IssuedCredentials issue(String actor, String clientAddress, CredentialSource source, IssueForm form) {
		// Read before STS is called: once it has answered, nothing may stand between the
		// person and the credentials.
		String label = label(actor, form);
		// The policy first: a refusal reserves nothing, calls nothing and spends no code.
		String approvalId = admitByPolicy(actor, clientAddress, source, form);
		StsCaller caller;
		String sessionName;
		try {
			// Before the code is admitted: what fails here (the signing profile, the call
			// that names the role session) never sent the code, so it must not spend it.
			caller = this.sources.caller(source, form.typedKey());
			sessionName = form.assumesRole() ? sessionName(caller, form) : null;
		}
		catch (StsCallException ex) {
			HistoryReceipt receipt = new HistoryReceipt();
			record(new IssueFailed(attempt(actor, clientAddress, source, form, label), ex.failure(), ex.errorCode(),
					ex.requestId(), false, receipt), receipt);
			release(approvalId);
			throw ex;
		}
		Verdict verdict = this.guard.admit(actor, form.serialNumber(), form.tokenCode());
		if (verdict.decision() != Decision.ADMITTED) {
			release(approvalId);
			this.events.publishEvent(new IssueRejected(attempt(actor, clientAddress, source, form), reason(verdict)));
			throw new AttemptRefusedException(verdict);
		}
		TemporaryCredentials credentials;
		String assumedRoleArn = null;
		String assumedRoleId = null;
		String signedBy;
		try {
			// The keys read once: the key that signs is the one a held session names,
			// even if the store holds another by the time STS answers.
			StsCaller signer = caller.pinned();
			signedBy = signer.credentials().resolveCredentials().accessKeyId();
			if (form.assumesRole()) {
				RoleCredentials role = this.sts.assumeRole(signer,
						new RoleRequest(form.roleArn(), sessionName, blankToNull(form.externalId()),
								form.serialNumber(), form.tokenCode(), form.duration(), this.trails.forActor(actor)));
				credentials = role.credentials();
				assumedRoleArn = role.assumedRoleArn();
				assumedRoleId = role.assumedRoleId();
			}
			else {
				credentials = this.sts.getSessionToken(signer,
						new SessionTokenRequest(form.serialNumber(), form.tokenCode(), form.duration()));
			}
		}
		catch (StsCallException ex) {
			HistoryReceipt receipt = new HistoryReceipt();
			record(new IssueFailed(attempt(actor, clientAddress, source, form, label), ex.failure(), ex.errorCode(),
					ex.requestId(), receipt), receipt);
			if (ex.requestId() != null) {
				// STS answered with an error document, so it issued nothing: a mistyped
				// code must not cost the member a person's approval. Without an answer
				// (a timeout) STS may have issued, and the approval stays spent.
				release(approvalId);
			}
			throw ex;
		}
		HistoryReceipt receipt = new HistoryReceipt();
		boolean recorded = record(new CredentialsIssued(attempt(actor, clientAddress, source, form, label),
				credentials.expiration(), credentials.requestId(), credentials.accessKeyId(), assumedRoleId, receipt),
				receipt);
		if (form.serves()) {
			this.events.publishEvent(new ServeRequested(credentials, source, form.serialNumber(), signedBy));
		}
		URI console = (assumedRoleArn != null) ? this.console.linkFor(credentials).orElse(null) : null;
		return new IssuedCredentials(credentials, Snippets.render(credentials, form.profileName()),
				Snippets.usage(form.profileName()), form.profileName(), source, form.serialNumber(), form.duration(),
				this.renewLinks.link(actor, source, form), assumedRoleArn, console, recorded);
	}

	/**
	 * Asks the policy; where it wants an approval, spends one in one atomic step.
	 * @return the spent approval's id, or null when none was needed
	 * @throws PolicyRefusedException when the policy refuses or no approval can be spent
	 */
	private String admitByPolicy(String actor, String clientAddress, CredentialSource source, IssueForm form) {
		String roleArn = form.assumesRole() ? form.roleArn() : null;
		IssuePolicy.Verdict verdict = this.policy.check(actor, roleArn, form.duration());
		if (verdict.decision() == IssuePolicy.Decision.ALLOWED) {
			return null;
		}
		if (verdict.decision() == IssuePolicy.Decision.APPROVAL_REQUIRED && roleArn != null) {
			String approvalId = this.approvals.spend(actor, roleArn, form.duration()).orElse(null);
			if (approvalId != null) {
				return approvalId;
			}
			this.events
				.publishEvent(new IssueRejected(attempt(actor, clientAddress, source, form), Reason.NO_APPROVAL));
			throw new PolicyRefusedException(verdict, true);
		}
		this.events.publishEvent(new IssueRejected(attempt(actor, clientAddress, source, form), Reason.POLICY));
		throw new PolicyRefusedException(verdict, false);
	}

	private void release(String approvalId) {
		if (approvalId != null) {
			this.approvals.release(approvalId);
		}
	}

	/**
	 * Publishes what STS answered. AWS has acted on the code by now (CloudTrail holds the
	 * call), so a history that can't be written must not take the answer away. Each
	 * listener stands alone: it catches its own failure, keeps what it could not write
	 * (the audit row, the attempt's answer) to write it when the database is back, and
	 * says so on the receipt, so every listener runs whatever the others do and in
	 * whatever order they run. A listener that throws all the same is a bug: it is logged
	 * here, and the listeners after it were skipped.
	 * @param receipt the receipt the event carries
	 * @return whether every listener wrote its part now
	 */
	private boolean record(Object answered, HistoryReceipt receipt) {
		try {
			this.events.publishEvent(answered);
		}
		catch (RuntimeException ex) {
			logger.error("A listener of an answered attempt failed instead of keeping its part: {}", ex.toString());
			receipt.behind();
		}
		if (!receipt.complete()) {
			// The log pattern carries the request id, the person sees it on the page.
			logger.error("STS answered but the history could not be written now; it is kept to be written later");
		}
		return receipt.complete();
	}

	/**
	 * The session name typed in, else the caller's IAM user name (what CloudTrail then
	 * shows), else a fixed one: GetCallerIdentity carries no code, so asking costs the
	 * person nothing.
	 */
	private String sessionName(StsCaller caller, IssueForm form) {
		if (form.roleSessionName() != null && !form.roleSessionName().isBlank()) {
			return form.roleSessionName();
		}
		String user = this.sts.callerIdentity(caller).userName();
		return (user != null && StsModel.ROLE_SESSION_NAME.matcher(user).matches()) ? user : "mfa-portal";
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	/** Records an attempt the form's checks refused. */
	void rejectInput(String actor, String clientAddress, CredentialSource source, IssueForm form) {
		this.events.publishEvent(new IssueRejected(attempt(actor, clientAddress, source, form), Reason.INVALID_INPUT));
	}

	private IssueAttempt attempt(String actor, String clientAddress, CredentialSource source, IssueForm form) {
		return attempt(actor, clientAddress, source, form, label(actor, form));
	}

	/** The label of the actor's saved device with the form's serial number, if any. */
	private String label(String actor, IssueForm form) {
		return this.presets.forActor(actor)
			.stream()
			.filter((preset) -> preset.serialNumber().equals(form.serialNumber()))
			.map(DevicePresets.DevicePreset::label)
			.findFirst()
			.orElse(null);
	}

	private IssueAttempt attempt(String actor, String clientAddress, CredentialSource source, IssueForm form,
			String label) {
		Integer duration = (form.durationSeconds() != null && form.durationSeconds().matches("\\d{1,9}"))
				? Integer.valueOf(form.durationSeconds()) : null;
		return new IssueAttempt(this.clock.instant(), actor, (source != null) ? source.name() : form.source(),
				(source != null) ? source.maskedAccessKeyId() : null, form.serialNumber(), label, duration,
				clientAddress, form.assumesRole() ? form.roleArn() : null);
	}

	private static Reason reason(Verdict verdict) {
		return switch (verdict.decision()) {
			case LIMITED -> Reason.ATTEMPT_LIMIT;
			case LOCKED -> Reason.DEVICE_LOCKED;
			case CODE_REUSED -> Reason.CODE_REUSED;
			case ADMITTED -> throw new IllegalArgumentException("An admitted attempt is not refused");
		};
	}

}
