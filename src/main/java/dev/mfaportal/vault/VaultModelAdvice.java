package dev.mfaportal.vault;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every page of local mode links to the vault's {@code /keys}. */
@ControllerAdvice
@Profile("!demo & !team")
class VaultModelAdvice {

	@ModelAttribute("vaultOffered")
	boolean vaultOffered() {
		return true;
	}

}
