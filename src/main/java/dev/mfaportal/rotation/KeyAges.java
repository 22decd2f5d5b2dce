package dev.mfaportal.rotation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.mfaportal.rotation.RotatableKeys.KeyPair;
import dev.mfaportal.sts.IamCallException;
import dev.mfaportal.sts.IamGateway;
import dev.mfaportal.sts.StsCaller;
import dev.mfaportal.sts.StsSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/**
 * How old a key is, from IAM's ListAccessKeys (its CreateDate), asked with the key
 * itself: "unknown" where IAM denies the call or can't be reached.
 */
@Service
@EnableConfigurationProperties(RotationSettings.class)
public class KeyAges {

	private final IamGateway iam;

	private final StsSettings stsSettings;

	private final RotationSettings settings;

	private final Clock clock;

	KeyAges(@Lazy IamGateway iam, StsSettings stsSettings, RotationSettings settings, Clock clock) {
		this.iam = iam;
		this.stsSettings = stsSettings;
		this.settings = settings;
		this.clock = clock;
	}

	public KeyAge of(KeyPair pair) {
		StsCaller caller = new StsCaller("age",
				StaticCredentialsProvider
					.create(AwsBasicCredentials.create(pair.accessKeyId(), pair.secretAccessKey())),
				this.stsSettings.regionOrDefault(), null);
		try {
			Optional<Instant> created = this.iam.listAccessKeys(caller)
				.stream()
				.filter((key) -> key.accessKeyId().equals(pair.accessKeyId()))
				.map(IamGateway.AccessKeyInfo::createDate)
				.findFirst();
			return created.map((at) -> {
				long days = Duration.between(at, this.clock.instant()).toDays();
				return new KeyAge(days, days > this.settings.rotateAfterDays(), this.settings.rotateAfterDays());
			}).orElse(KeyAge.unknown(this.settings.rotateAfterDays()));
		}
		catch (IamCallException deniedOrAway) {
			return KeyAge.unknown(this.settings.rotateAfterDays());
		}
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
