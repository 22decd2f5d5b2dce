package dev.mfaportal.browser;

import java.nio.file.Files;

import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.PortalWithEmulator;
import dev.mfaportal.vault.LocalVaultPortal;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vault's {@code /keys} as a person uses it: the vault file created with a passphrase
 * typed twice, a key stored (checked with AWS: its user and MFA device shown), a profile
 * of the plain file offered for the move. Leaves {@code target/screenshots/keys.png}, the
 * README's picture of the page.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@PortalWithEmulator(accounts = false)
@Import(LocalVaultPortal.class)
class VaultBrowserTest extends BrowserTest {

	static final EmulatedUser WORK = EmulatedAccounts.user("browservault");

	static final TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(WORK));

	@Test
	void keysPageWhenAPersonCreatesTheVaultAndStoresAKeyThenItIsListedWithItsUserAndDevice() throws Exception {
		Files.writeString(LocalVaultPortal.HOME.resolve(".aws").resolve("credentials"),
				"[legacy]\naws_access_key_id = AKIALEGACYPROFILE001\naws_secret_access_key = "
						+ "LegacySecret/000000000000000000000000001\n");
		open("/keys");
		if (!chromium.findAll("#passphraseRepeat").isEmpty()) {
			chromium.find("#passphrase").sendKeys("a passphrase typed in the browser");
			chromium.find("#passphraseRepeat").sendKeys("a passphrase typed in the browser");
			WebElement unlock = chromium.find("[data-unlock-form] button");
			unlock.click();
			chromium.waitUntil(ExpectedConditions.stalenessOf(unlock));
		}
		chromium.find("#label").sendKeys("work");
		chromium.find("#accessKeyId").sendKeys(WORK.accessKeyId());
		chromium.find("#secretAccessKey").sendKeys(WORK.secretAccessKey());
		chromium.find("[data-key-form] button[type=submit]").click();

		WebElement arn = chromium.waitUntil((driver) -> driver.findElement(By.cssSelector("[data-finding-arn]")));
		assertThat(arn.getText()).contains("user/browservault");
		assertThat(chromium.find("[data-keys] tbody th").getText()).isEqualTo("work");
		assertThat(chromium.find("[data-movable] [data-profile]").getAttribute("data-profile")).isEqualTo("legacy");
		chromium.screenshot("keys");
	}

}
