package dev.mfaportal.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.mfaportal.credentialsource.AwsFiles;
import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.credentialsource.CredentialsFileKeys;
import dev.mfaportal.credentialsource.KeyVault;
import dev.mfaportal.credentialsource.LocalSources;
import dev.mfaportal.profile.KeyLinesForTests;
import dev.mfaportal.sts.StsSettings;
import dev.mfaportal.support.PortalClient;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Local mode's real credential sources and key-line mover over a home folder of the
 * test's own ({@link #HOME}, with an empty environment), so that the vault's tests see
 * the vault beside the AWS files they write and never the machine's. Goes with
 * {@code @PortalWithEmulator(accounts = false)}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class LocalVaultPortal {

	/** One per test JVM: the AWS files each test writes go here. */
	public static final Path HOME = home();

	static Path credentialsFile() {
		return HOME.resolve(".aws").resolve("credentials");
	}

	static Path configFile() {
		return HOME.resolve(".aws").resolve("config");
	}

	@Bean
	@Primary
	CredentialSources localSourcesInTestHome(StsSettings settings, KeyVault vault) {
		return LocalSources.of(Map.of(), HOME, settings, vault);
	}

	@Bean
	@Primary
	CredentialsFileKeys keyLinesInTestHome() {
		return KeyLinesForTests.in(new AwsFiles(Map.<String, String>of()::get, HOME));
	}

	/** Posts a form of {@code /keys} (or any), with the CSRF token of that page. */
	static HttpResponse<String> post(PortalClient browser, String path, Map<String, String> fields) throws Exception {
		Map<String, String> withToken = new LinkedHashMap<>(fields);
		withToken.put("_csrf", browser.csrfToken("/keys"));
		return browser.post(path, withToken, false);
	}

	private static Path home() {
		try {
			Path home = Files.createTempDirectory("mfa-portal-vault-home");
			Files.createDirectories(home.resolve(".aws"));
			return home;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
