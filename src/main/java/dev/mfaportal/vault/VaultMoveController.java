package dev.mfaportal.vault;

import java.util.Optional;

import dev.mfaportal.credentialsource.CredentialsFileKeys;
import dev.mfaportal.credentialsource.LongTermKey;
import dev.mfaportal.credentialsource.VaultException;
import dev.mfaportal.credentialsource.VaultKey;
import dev.mfaportal.sts.StsCallException;
import dev.mfaportal.sts.StsCaller;
import dev.mfaportal.sts.StsGateway;
import dev.mfaportal.sts.StsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Moves a profile's long-term keys from the credentials file into the vault, and back.
 * Never loses a key: the file changes last, only after the vault holds the pair and AWS
 * accepted the pair read back from it; a failure at any step takes the vault entry out
 * again and leaves the file as it was. The entry keeps the profile's name, so the form,
 * {@code ~/.aws/config} and the role profiles built on it go on as before.
 */
@Controller
@Profile("!demo & !team")
class VaultMoveController {

	private static final Logger logger = LoggerFactory.getLogger(VaultMoveController.class);

	private final SelectedVault vault;

	private final CredentialsFileKeys file;

	private final StsGateway sts;

	private final StsSettings settings;

	VaultMoveController(SelectedVault vault, CredentialsFileKeys file, StsGateway sts, StsSettings settings) {
		this.vault = vault;
		this.file = file;
		this.sts = sts;
		this.settings = settings;
	}

	@PostMapping("/keys/import")
	String moveIn(@RequestParam(required = false) String profile, RedirectAttributes redirect) {
		Optional<LongTermKey> inFile = (profile != null) ? this.file.keys(profile) : Optional.empty();
		if (inFile.isEmpty()) {
			return VaultController.failed(redirect, "vault.move.none",
					new Object[] { String.valueOf(profile), this.file.fileName() });
		}
		VaultKey stored;
		try {
			stored = this.vault.store(profile, inFile.get());
		}
		catch (VaultException ex) {
			return VaultController.failed(redirect, ex.messageKey(), ex.arguments());
		}
		try {
			LongTermKey readBack = this.vault.secret(stored.id())
				.filter(inFile.get()::equals)
				.orElseThrow(() -> new VaultException("vault.move.notConfirmed", "read back differs", null));
			confirm(readBack);
			this.file.removeKeys(profile, inFile.get());
		}
		catch (VaultException | StsCallException ex) {
			undo(stored);
			return (ex instanceof VaultException failure)
					? VaultController.failed(redirect, failure.messageKey(), failure.arguments())
					: VaultController.failed(redirect, "vault.move.notConfirmed", new Object[0]);
		}
		logger.info("Moved the keys of profile {} into the vault", profile);
		return VaultController.done(redirect, "vault.move.done", profile);
	}

	@PostMapping("/keys/putback")
	String putBack(@RequestParam(required = false) String id, @RequestParam(defaultValue = "false") boolean confirm,
			RedirectAttributes redirect) {
		if (!confirm) {
			return VaultController.failed(redirect, "vault.putBack.unconfirmed", new Object[0]);
		}
		try {
			VaultKey key = this.vault.key(String.valueOf(id));
			LongTermKey pair = this.vault.secret(key.id())
				.orElseThrow(() -> new VaultException("vault.error.gone", "no such key", null));
			this.file.putBack(key.label(), pair);
			this.vault.remove(key.id());
			logger.info("Put the keys of {} back into the credentials file", key.label());
			return VaultController.done(redirect, "vault.putBack.done", key.label());
		}
		catch (VaultException ex) {
			return VaultController.failed(redirect, ex.messageKey(), ex.arguments());
		}
	}

	/** GetCallerIdentity with the pair as the vault gave it back. */
	private void confirm(LongTermKey pair) {
		this.sts.callerIdentity(new StsCaller("vault-move",
				StaticCredentialsProvider
					.create(AwsBasicCredentials.create(pair.accessKeyId(), pair.secretAccessKey())),
				this.settings.regionOrDefault(), null));
	}

	private void undo(VaultKey stored) {
		try {
			this.vault.remove(stored.id());
		}
		catch (VaultException ex) {
			logger.warn("Could not take the half-moved key {} out of the vault again: {}", stored.label(),
					ex.getMessage());
		}
	}

}
