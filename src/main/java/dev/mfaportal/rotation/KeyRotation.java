package dev.mfaportal.rotation;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

import dev.mfaportal.issuing.AttemptGuard;
import dev.mfaportal.issuing.CredentialsIssued;
import dev.mfaportal.issuing.IssueAttempt;
import dev.mfaportal.issuing.IssueFailed;
import dev.mfaportal.rotation.KeyRotationStep.Step;
import dev.mfaportal.rotation.RotatableKeys.KeyPair;
import dev.mfaportal.sts.AccessKeys;
import dev.mfaportal.sts.IamCallException;
import dev.mfaportal.sts.IamGateway;
import dev.mfaportal.sts.IamGateway.NewAccessKey;
import dev.mfaportal.sts.SessionTokenRequest;
import dev.mfaportal.sts.StsCallException;
import dev.mfaportal.sts.StsCaller;
import dev.mfaportal.sts.StsGateway;
import dev.mfaportal.sts.StsSettings;
import dev.mfaportal.sts.TemporaryCredentials;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/**
 * Rotates one stored key so that no step leaves its owner without a working one: refuse
 * before any call when IAM's two keys are taken; an MFA session (policies that force MFA
 * deny key management without one), counted by the attempt limits like any code;
 * CreateAccessKey; the new pair stored; confirmed with GetCallerIdentity, retried while
 * IAM propagates it; only then DeleteAccessKey of the old. A new key that can't be stored
 * or confirmed is deleted again and the old one kept. Every step goes to the history.
 * Every call goes where issuing sends those the key signs ({@link KeyPair#caller}).
 */
@Service
class KeyRotation {

	/** Long enough for four calls, short enough to end soon after. */
	static final int SESSION_SECONDS = 900;

	private final StsGateway sts;

	private final IamGateway iam;

	private final AttemptGuard guard;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final StsSettings stsSettings;

	private final RotationSettings settings;

	private final RotationSessions held;

	private final KeyAges ages;

	KeyRotation(StsGateway sts, @Lazy IamGateway iam, AttemptGuard guard, ApplicationEventPublisher events, Clock clock,
			StsSettings stsSettings, RotationSettings settings, RotationSessions held, KeyAges ages) {
		this.held = held;
		this.ages = ages;
		this.sts = sts;
		this.iam = iam;
		this.guard = guard;
		this.events = events;
		this.clock = clock;
		this.stsSettings = stsSettings;
		this.settings = settings;
	}

	/**
	 * @param request who, from where, which key, and the MFA device and code (already
	 * checked for their shape)
	 * @param keys the store that holds it
	 * @param old the key as stored now
	 */
	RotationResult rotate(RotatableKeys keys, Request request, KeyPair old) {
		StsCaller longTerm = caller(request, old, AwsBasicCredentials.create(old.accessKeyId(), old.secretAccessKey()));
		// Before the code is spent: ListAccessKeys needs no MFA where policy allows it.
		String other = OtherKey.of(this.iam, longTerm, old);
		if (other != null) {
			step(request, old, old.accessKeyId(), Step.REFUSED, false, "LimitExceeded");
			return RotationResult.failed("accesskey.rotate.twoKeys", old.label(), other);
		}
		Optional<HeldSessions.Session> heldSession = this.held.madeFrom(old);
		StsCaller session;
		if (heldSession.isPresent()) {
			// The session the person holds was made with a code already: no second one.
			session = heldSession.get().caller();
			request = request.withSerialNumber(heldSession.get().serialNumber());
		}
		else {
			AttemptGuard.Verdict verdict = this.guard.admit(request.actor(), request.serialNumber(),
					request.tokenCode());
			if (verdict.decision() != AttemptGuard.Decision.ADMITTED) {
				return RotationResult.failed("accesskey.rotate.codeRefused", old.label());
			}
			try {
				session = session(request, old, longTerm);
			}
			catch (StsCallException ex) {
				return RotationResult.failed("accesskey.rotate.sessionFailed", old.label(),
						Objects.toString(ex.errorCode(), ex.failure().name()), Objects.toString(ex.stsMessage(), ""));
			}
		}
		this.ages.forget(old.accessKeyId());
		NewAccessKey created;
		try {
			created = this.iam.createAccessKey(session);
			step(request, old, created.accessKeyId(), Step.CREATE, true, null);
		}
		catch (IamCallException ex) {
			step(request, old, old.accessKeyId(), Step.CREATE, false, code(ex));
			if ("LimitExceeded".equals(ex.errorCode())) {
				String otherNow = OtherKey.of(this.iam, session, old);
				return RotationResult.failed("accesskey.rotate.twoKeys", old.label(), Objects.toString(otherNow, "?"));
			}
			return RotationResult.failed("accesskey.rotate.createFailed", old.label(), code(ex),
					Objects.toString(ex.getMessage(), ""));
		}
		KeyPair fresh = old.replacedBy(created.accessKeyId(), created.secretAccessKey());
		try {
			keys.replace(request.keyId(), fresh);
			step(request, old, created.accessKeyId(), Step.STORE, true, null);
		}
		catch (RuntimeException ex) {
			// A store that threw may have stored it all the same: what it holds decides.
			Boolean holdsNew = holds(keys, request.keyId(), created.accessKeyId());
			if (holdsNew == null) {
				// Unknown: deleting either key at AWS could leave the store with a dead
				// one.
				step(request, old, created.accessKeyId(), Step.STORE, false, ex.getClass().getSimpleName());
				return RotationResult.failed("accesskey.rotate.storeUnknown", old.label(), old.accessKeyId(),
						created.accessKeyId());
			}
			if (!holdsNew) {
				step(request, old, created.accessKeyId(), Step.STORE, false, ex.getClass().getSimpleName());
				return undo(request, old, session, created, "accesskey.rotate.notStored");
			}
			step(request, old, created.accessKeyId(), Step.STORE, true, null);
		}
		if (!confirmed(request, fresh)) {
			step(request, old, created.accessKeyId(), Step.CONFIRM, false, "InvalidClientTokenId");
			try {
				keys.replace(request.keyId(), old);
			}
			catch (RuntimeException ex) {
				// The new key stays stored and at AWS: it may yet start to work.
				step(request, old, old.accessKeyId(), Step.STORE, false, ex.getClass().getSimpleName());
				return RotationResult.failed("accesskey.rotate.notConfirmedKept", old.label(), created.accessKeyId(),
						old.accessKeyId());
			}
			return undo(request, old, session, created, "accesskey.rotate.notConfirmed");
		}
		step(request, old, created.accessKeyId(), Step.CONFIRM, true, null);
		try {
			this.iam.deleteAccessKey(session, old.accessKeyId());
			step(request, old, old.accessKeyId(), Step.DELETE_OLD, true, null);
		}
		catch (IamCallException ex) {
			step(request, old, old.accessKeyId(), Step.DELETE_OLD, false, code(ex));
			return RotationResult.ok("accesskey.rotate.oldNotDeleted", old.label(), created.accessKeyId(),
					old.accessKeyId(), code(ex));
		}
		return RotationResult.ok("accesskey.rotate.done", old.label(), created.accessKeyId(), old.accessKeyId());
	}

	/**
	 * Whether the store now holds that key id under the id; {@code null} when it can't
	 * say.
	 */
	private static Boolean holds(RotatableKeys keys, String id, String accessKeyId) {
		try {
			return keys.find(id).map((pair) -> pair.accessKeyId().equals(accessKeyId)).orElse(false);
		}
		catch (RuntimeException unreadable) {
			return null;
		}
	}

	/** Whether a session for the key is held: then no code is needed to rotate it. */
	boolean sessionHeld(KeyPair key) {
		return this.held.held(key);
	}

	/**
	 * GetSessionToken with the code, recorded as any issue is: in the history, and by the
	 * attempt limits, which settle the reservation.
	 */
	private StsCaller session(Request request, KeyPair old, StsCaller longTerm) {
		IssueAttempt attempt = new IssueAttempt(this.clock.instant(), request.actor(), old.label(),
				AccessKeys.mask(old.accessKeyId()), request.serialNumber(), null, SESSION_SECONDS,
				request.clientAddress());
		TemporaryCredentials credentials;
		try {
			credentials = this.sts.getSessionToken(longTerm,
					new SessionTokenRequest(request.serialNumber(), request.tokenCode(), SESSION_SECONDS));
		}
		catch (StsCallException ex) {
			publish(new IssueFailed(attempt, ex.failure(), ex.errorCode()));
			throw ex;
		}
		publish(new CredentialsIssued(attempt, credentials.expiration()));
		return caller(request, old, AwsSessionCredentials.create(credentials.accessKeyId(),
				credentials.secretAccessKey(), credentials.sessionToken()));
	}

	private boolean confirmed(Request request, KeyPair fresh) {
		return NewKeyConfirmation.confirmed(this.sts,
				caller(request, fresh, AwsBasicCredentials.create(fresh.accessKeyId(), fresh.secretAccessKey())),
				this.settings.rotateConfirmTimeout());
	}

	/** Deletes the new key again; the old one was never touched at AWS. */
	private RotationResult undo(Request request, KeyPair old, StsCaller session, NewAccessKey created,
			String messageKey) {
		try {
			this.iam.deleteAccessKey(session, created.accessKeyId());
			step(request, old, created.accessKeyId(), Step.UNDO, true, null);
			return RotationResult.failed(messageKey, old.label(), old.accessKeyId(),
					String.valueOf(this.settings.rotateConfirmTimeout().toSeconds()));
		}
		catch (IamCallException ex) {
			step(request, old, created.accessKeyId(), Step.UNDO, false, code(ex));
			return RotationResult.failed("accesskey.rotate.undoFailed", old.label(), old.accessKeyId(),
					created.accessKeyId());
		}
	}

	/** Signs for the key where issuing would: its region, its profile's endpoint. */
	private StsCaller caller(Request request, KeyPair key, AwsCredentials credentials) {
		return key.caller("rotate:" + request.keyId(), credentials, this.stsSettings.regionOrDefault());
	}

	private void step(Request request, KeyPair old, String accessKeyId, Step step, boolean succeeded,
			String errorCode) {
		publish(new KeyRotationStep(this.clock.instant(), request.actor(), old.label(), accessKeyId,
				request.serialNumber(), step, succeeded, errorCode, request.clientAddress()));
	}

	/** The history must not stop a rotation halfway: a step it missed is logged by it. */
	private void publish(Object event) {
		try {
			this.events.publishEvent(event);
		}
		catch (RuntimeException historyAway) {
			// The audit keeps what it could not write; the rotation goes on.
		}
	}

	private static String code(IamCallException ex) {
		return (ex.errorCode() != null) ? ex.errorCode() : "no answer";
	}

	/**
	 * @param actor who asks
	 * @param clientAddress from where
	 * @param keyId the key's id in the store
	 * @param serialNumber the MFA device
	 * @param tokenCode its code, used for the session and kept nowhere
	 */
	record Request(String actor, String clientAddress, String keyId, String serialNumber, String tokenCode) {

		Request withSerialNumber(String serial) {
			return new Request(this.actor, this.clientAddress, this.keyId, serial, null);
		}

		@Override
		public String toString() {
			return "Request[actor=" + this.actor + ", keyId=" + this.keyId + ", serialNumber=" + this.serialNumber
					+ "]";
		}

	}

}
