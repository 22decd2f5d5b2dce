package dev.mfaportal.rotation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.mfaportal.rotation.RotatableKeys.KeyPair;
import dev.mfaportal.sts.IamCallException;
import dev.mfaportal.sts.IamGateway;
import dev.mfaportal.sts.StsCaller;
import dev.mfaportal.sts.StsSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/**
 * How old a key is, from IAM's ListAccessKeys (its CreateDate), asked with the key
 * itself: "unknown" where IAM denies the call or can't be reached. What IAM said is kept
 * per key for {@code portal.vault.age-cache-ttl}: the keys page is shown often, and one
 * IAM call per key on each showing would be slow and throttled. A rotation or a removal
 * forgets the key.
 */
@Service
@EnableConfigurationProperties(RotationSettings.class)
public class KeyAges {

	private final IamGateway iam;

	private final StsSettings stsSettings;

	private final RotationSettings settings;

	private final Clock clock;

	private final Map<String, Asked> asked = new ConcurrentHashMap<>();

	KeyAges(@Lazy IamGateway iam, StsSettings stsSettings, RotationSettings settings, Clock clock) {
		this.iam = iam;
		this.stsSettings = stsSettings;
		this.settings = settings;
		this.clock = clock;
	}

	public KeyAge of(KeyPair pair) {
		Instant now = this.clock.instant();
		Asked known = this.asked.get(pair.accessKeyId());
		if (known == null || !now.isBefore(known.at().plus(this.settings.ageCacheTtl()))) {
			known = new Asked(created(pair), now);
			this.asked.put(pair.accessKeyId(), known);
		}
		return known.created().map((at) -> {
			long days = Duration.between(at, now).toDays();
			return new KeyAge(days, days > this.settings.rotateAfterDays(), this.settings.rotateAfterDays());
		}).orElse(KeyAge.unknown(this.settings.rotateAfterDays()));
	}

	/** Asks IAM again next time: the key was rotated or removed. */
	public void forget(String accessKeyId) {
		this.asked.remove(accessKeyId);
	}

	private Optional<Instant> created(KeyPair pair) {
		StsCaller caller = pair.caller("age", AwsBasicCredentials.create(pair.accessKeyId(), pair.secretAccessKey()),
				this.stsSettings.regionOrDefault());
		try {
			return this.iam.listAccessKeys(caller)
				.stream()
				.filter((key) -> key.accessKeyId().equals(pair.accessKeyId()))
				.map(IamGateway.AccessKeyInfo::createDate)
				.findFirst();
		}
		catch (IamCallException deniedOrAway) {
			return Optional.empty();
		}
	}

	/** What IAM said of a key's creation, and when it was asked. */
	private record Asked(Optional<Instant> created, Instant at) {

	}

	/**
	 * @param days whole days since IAM created the key, or {@code null} when unknown
	 * @param overdue whether that is past {@code portal.vault.rotate-after-days}
	 * @param rotateAfterDays that setting, for the warning's words
	 */
	public record KeyAge(Long days, boolean overdue, int rotateAfterDays) {

		static KeyAge unknown(int rotateAfterDays) {
			return new KeyAge(null, false, rotateAfterDays);
		}

		public boolean known() {
			return this.days != null;
		}

	}

}
