package dev.mfaportal.vault;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.credentialsource.CredentialsFileKeys;
import dev.mfaportal.credentialsource.LongTermKey;
import dev.mfaportal.credentialsource.VaultException;
import dev.mfaportal.credentialsource.VaultKey;
import dev.mfaportal.rotation.KeyAges;
import dev.mfaportal.rotation.KeyAges.KeyAge;
import dev.mfaportal.rotation.KeyStoreUnavailable;
import dev.mfaportal.rotation.RotatableKeys;
import dev.mfaportal.rotation.RotationSessions;
import dev.mfaportal.sts.AccessKeys;
import dev.mfaportal.sts.DeviceFinding;
import dev.mfaportal.sts.MfaDeviceFinder;
import dev.mfaportal.sts.StsCallException;
import dev.mfaportal.sts.StsCaller;
import dev.mfaportal.sts.StsSettings;
import jakarta.servlet.http.HttpServletResponse;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Local mode's {@code /keys}: the vault's keys, the form that stores one (the same fields
 * and route as team mode's), the unlock of the vault file and the profiles that can move
 * in. A pair is checked with GetCallerIdentity before it is stored. A secret goes in and
 * never comes back out.
 */
@Controller
@Profile("!demo & !team")
class VaultController {

	static final String VIEW = "vault/keys";

	static final String REDIRECT = "redirect:/keys";

	private static final String FORM = "vaultKeyForm";

	private final SelectedVault vault;

	private final CredentialSources sources;

	private final CredentialsFileKeys file;

	private final MfaDeviceFinder finder;

	private final StsSettings settings;

	private final RotatableKeys rotatable;

	private final KeyAges ages;

	private final RotationSessions sessions;

	private final VaultKeyFormValidator validator = new VaultKeyFormValidator();

	VaultController(SelectedVault vault, CredentialSources sources, CredentialsFileKeys file, MfaDeviceFinder finder,
			StsSettings settings, RotatableKeys rotatable, KeyAges ages, RotationSessions sessions) {
		this.rotatable = rotatable;
		this.ages = ages;
		this.sessions = sessions;
		this.vault = vault;
		this.sources = sources;
		this.file = file;
		this.finder = finder;
		this.settings = settings;
	}

	@InitBinder(FORM)
	void initBinder(WebDataBinder binder) {
		binder.setAllowedFields("label", "accessKeyId", "secretAccessKey");
		binder.registerCustomEditor(String.class, new StringTrimmerEditor(false));
	}

	@GetMapping("/keys")
	String page(Model model, HttpServletResponse response) {
		if (!model.containsAttribute(FORM)) {
			model.addAttribute(FORM, VaultKeyForm.empty());
		}
		return show(model, response);
	}

	@PostMapping("/keys")
	String store(@ModelAttribute(FORM) VaultKeyForm form, BindingResult result, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		this.validator.validate(form, result);
		if (!result.hasErrors()) {
			LongTermKey pair = new LongTermKey(form.accessKeyId(), form.secretAccessKey());
			try {
				DeviceFinding finding = this.finder.find(new StsCaller("vault-check",
						StaticCredentialsProvider
							.create(AwsBasicCredentials.create(pair.accessKeyId(), pair.secretAccessKey())),
						this.settings.regionOrDefault(), null));
				VaultKey stored = this.vault.store(form.label(), pair);
				redirect.addFlashAttribute("finding", finding);
				redirect.addFlashAttribute("storedSource", sourceId(stored));
				return done(redirect, "vault.flash.added", stored.label());
			}
			catch (StsCallException ex) {
				// Refused before it is stored: a pair STS rejects would only fail later.
				result.reject("vault.refused.sts");
				result.reject(ex.failure().messageKey(),
						new Object[] { this.settings.regionOrDefault(), AccessKeys.mask(pair.accessKeyId()), "", "" },
						null);
			}
			catch (VaultException ex) {
				result.reject(ex.messageKey(), ex.arguments(), null);
			}
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		model.addAttribute(FORM, form.withoutSecret());
		model.addAttribute(BindingResult.MODEL_KEY_PREFIX + FORM, withoutSecret(form, result));
		return show(model, response);
	}

	@PostMapping("/keys/{id}/delete")
	String remove(@PathVariable String id, RedirectAttributes redirect) {
		try {
			VaultKey key = this.vault.key(id);
			if (this.vault.remove(id)) {
				this.ages.forget(key.accessKeyId());
				return done(redirect, "vault.flash.removed", key.label());
			}
			return failed(redirect, "vault.error.gone", new Object[0]);
		}
		catch (VaultException ex) {
			return failed(redirect, ex.messageKey(), ex.arguments());
		}
	}

	@PostMapping("/keys/unlock")
	String unlock(@RequestParam(required = false) String passphrase,
			@RequestParam(required = false) String passphraseRepeat, RedirectAttributes redirect) {
		try {
			this.vault.unlock(passphrase, passphraseRepeat);
			return done(redirect, "vault.flash.unlocked", "");
		}
		catch (VaultException ex) {
			return failed(redirect, ex.messageKey(), ex.arguments());
		}
	}

	/**
	 * The form's id of a vault key: the profile's, as {@code CredentialSources} lists it.
	 */
	private String sourceId(VaultKey key) {
		return this.sources.list()
			.stream()
			.filter((s) -> s.kind() == CredentialSource.Kind.VAULT && s.name().equals(key.label()))
			.map(CredentialSource::id)
			.findFirst()
			.orElse(null);
	}

	private String show(Model model, HttpServletResponse response) {
		response.setHeader("Cache-Control", "no-store");
		this.vault.choose();
		model.addAttribute("vault", this.vault.state());
		List<VaultKey> keys = this.vault.list();
		model.addAttribute("keys", keys);
		rotation(keys, model);
		model.addAttribute("movable", movable());
		model.addAttribute("credentialsFile", this.file.fileName());
		return VIEW;
	}

	/**
	 * Each key's age from IAM, asked with the key itself ("unknown" where it can't
	 * answer), and the keys whose rotation uses a held session instead of a code.
	 */
	private void rotation(List<VaultKey> keys, Model model) {
		Map<String, KeyAge> ages = new HashMap<>();
		Set<String> held = new HashSet<>();
		for (VaultKey key : keys) {
			try {
				this.rotatable.find(key.id()).ifPresent((pair) -> {
					ages.put(key.id(), this.ages.of(pair));
					if (this.sessions.held(pair)) {
						held.add(key.id());
					}
				});
			}
			catch (KeyStoreUnavailable unreadable) {
				// its age stays unknown; rotating it says what is wrong with the vault
			}
		}
		model.addAttribute("ages", ages);
		model.addAttribute("heldSessions", held);
	}

	/** The credentials-file profiles whose long-term keys can move into the vault. */
	private List<String> movable() {
		return this.sources.list()
			.stream()
			.filter((s) -> s.kind() == CredentialSource.Kind.PROFILE && !s.sessionCredentials())
			.map(CredentialSource::name)
			.filter((name) -> this.file.keys(name).isPresent())
			.toList();
	}

	static String done(RedirectAttributes redirect, String messageKey, String argument) {
		redirect.addFlashAttribute("flash", messageKey);
		redirect.addFlashAttribute("flashArgument", argument);
		return REDIRECT;
	}

	static String failed(RedirectAttributes redirect, String messageKey, Object[] arguments) {
		redirect.addFlashAttribute("vaultError", messageKey);
		redirect.addFlashAttribute("vaultErrorArguments", arguments);
		return REDIRECT;
	}

	/** The errors without the rejected secret, which a page could otherwise render. */
	private static BindingResult withoutSecret(VaultKeyForm form, BindingResult result) {
		BindingResult clean = new BeanPropertyBindingResult(form.withoutSecret(), FORM);
		for (FieldError error : result.getFieldErrors()) {
			clean.rejectValue(error.getField(), error.getCode(), error.getArguments(), null);
		}
		result.getGlobalErrors().forEach((error) -> clean.reject(error.getCode(), error.getArguments(), null));
		return clean;
	}

}
