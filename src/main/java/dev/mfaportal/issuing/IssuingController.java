package dev.mfaportal.issuing;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.credentialsource.CredentialSources;

import dev.mfaportal.issuing.AttemptGuard.Decision;
import dev.mfaportal.issuing.DevicePresets.DevicePreset;
import dev.mfaportal.security.Actor;
import dev.mfaportal.sts.DeviceFinding;
import dev.mfaportal.sts.MfaDeviceFinder;
import dev.mfaportal.sts.StsCallException;

import dev.mfaportal.sts.StsSettings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The form at {@code /} and the result of posting it. Issued credentials go into this one
 * response and nowhere else: not the session, not a redirect, not a log line.
 */
@Controller
class IssuingController {

	static final String FORM_VIEW = "issuing/form";

	static final String RESULT_VIEW = "issuing/result";

	static final String NO_CREDENTIALS_VIEW = "issuing/no-credentials";

	/**
	 * The hidden field with the duration the page showed as a default, so the server
	 * knows a duration left untouched.
	 */
	static final String DURATION_DEFAULT = "durationDefault";

	private final CredentialSources sources;

	private final IssuingService issuing;

	private final DevicePresets presets;

	private final Clock clock;

	private final StsSettings stsSettings;

	private final MfaDeviceFinder finder;

	private final RenewLinks renewLinks;

	private final IssueFormValidator validator = new IssueFormValidator();

	/** Saves profiles on request; {@code null} in team mode, which never writes files. */
	private final ProfileSaver profiles;

	/** Reads codes from a YubiKey, where one is offered (local mode). */
	private final HardwareCodeReader hardwareCodes;

	private final IssueFormPage page;

	IssuingController(CredentialSources sources, IssuingService issuing, DevicePresets presets, Clock clock,
			StsSettings stsSettings, MfaDeviceFinder finder, ObjectProvider<ProfileSaver> profiles,
			HardwareCodeReader hardwareCodes, RenewLinks renewLinks, IssueFormPage page) {
		this.page = page;
		this.renewLinks = renewLinks;
		this.profiles = profiles.getIfAvailable();
		this.hardwareCodes = hardwareCodes;
		this.finder = finder;
		this.sources = sources;
		this.issuing = issuing;
		this.presets = presets;
		this.clock = clock;
		this.stsSettings = stsSettings;
	}

	@InitBinder("issueForm")
	void initBinder(WebDataBinder binder) {
		binder.setAllowedFields("source", "serialNumber", "tokenCode", "durationSeconds", "profileName",
				"onceAccessKeyId", "onceSecretAccessKey", "roleArn", "roleSessionName", "externalId", "saveProfile",
				"serve");
		binder.registerCustomEditor(String.class, new StringTrimmerEditor(false));
		// People type "123 456" the way authenticator apps show the code.
		binder.registerCustomEditor(String.class, "tokenCode", new StringTrimmerEditor(" \t\u00a0", false));
	}

	/**
	 * The form, prefilled from a saved device ({@code device}), from a renew link (the
	 * other parameters), or else from the device used last: see {@link FormPrefill}. A
	 * role, a profile or a save only from a renew link this run signed
	 * ({@link RenewLinks}).
	 */
	@GetMapping("/")
	String form(@RequestParam Map<String, String> parameters, @RequestParam(defaultValue = "false") boolean find,
			Model model) {
		List<CredentialSource> available = this.sources.list();
		if (available.isEmpty() && !this.sources.offersOneTimeKeys()) {
			model.addAttribute("searched", this.sources.searched());
			model.addAttribute("vaultLocked", this.page.vaultLocked());
			return NO_CREDENTIALS_VIEW;
		}
		RenewLinks.Read link = this.renewLinks.read(parameters, Actor.current());
		if (link.ignored()) {
			model.addAttribute("linkIgnored", true);
		}
		List<DevicePreset> saved = this.presets.forActor(Actor.current());
		FormPrefill prefill = new FormPrefill(FormPrefill.Link.of(link.parameters()), saved, available);
		Optional<DeviceFinding> finding = find ? prefill.source().flatMap((s) -> find(s, model)) : Optional.empty();
		IssueForm form = prefill.form(finding);
		if (form.assumesRole()) {
			// one code then gives that role's credentials: the person sees it before
			// typing
			model.addAttribute("presetRole", form.roleArn());
		}
		model.addAttribute("selectedDevice", prefill.preset().map(DevicePreset::id).orElse(null));
		model.addAttribute(DURATION_DEFAULT, prefill.durationDefault(finding).orElse(null));
		Optional<Boolean> saveProfile = Optional.ofNullable(link.parameters().get("saveProfile")).map("true"::equals);
		return this.page.show(
				form.withSaveProfile(
						saveProfile.or(() -> prefill.preset().map(DevicePreset::saveProfile)).orElse(false)),
				available, saved, model);
	}

	/**
	 * "Find my MFA device": who the keys are, and their devices; a failure is said on the
	 * form.
	 */
	private Optional<DeviceFinding> find(CredentialSource source, Model model) {
		try {
			DeviceFinding finding = this.finder.find(this.sources.caller(source));
			model.addAttribute("finding", finding);
			return Optional.of(finding);
		}
		catch (StsCallException ex) {
			model.addAttribute("failure", new FailureView(ex, source, new IssueForm(source.id(), "", "", "", "")));
			return Optional.empty();
		}
	}

	@GetMapping("/session-token")
	String reload() {
		return "redirect:/";
	}

	@PostMapping("/session-token")
	String issue(@ModelAttribute IssueForm posted, BindingResult result,
			@RequestParam(name = "yubikey", required = false) String yubikey,
			@RequestParam(name = DURATION_DEFAULT, required = false) String durationDefault, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		// before anything reads the duration: a role asks for an hour unless the person
		// chose otherwise
		IssueForm issueForm = posted.withRoleDefaultDuration(durationDefault);
		if (durationDefault != null && durationDefault.equals(posted.durationSeconds())) {
			// still untouched when the form is shown again (it shows what was posted)
			model.addAttribute(DURATION_DEFAULT, durationDefault);
		}
		List<CredentialSource> available = this.sources.list();
		if (available.isEmpty() && !this.sources.offersOneTimeKeys()) {
			model.addAttribute("searched", this.sources.searched());
			response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
			return NO_CREDENTIALS_VIEW;
		}
		if (yubikey != null && !StringUtils.hasText(issueForm.tokenCode()) && this.hardwareCodes.offered()) {
			this.validator.validateAllButCode(issueForm, result);
			Optional<IssueForm> withCode = result.hasErrors() ? Optional.empty()
					: this.hardwareCodes.read(issueForm, result);
			if (withCode.isPresent()) {
				// The form now holds the code: its errors go with it, or the model drops
				// them.
				BindingResult checked = new BeanPropertyBindingResult(withCode.get(), "issueForm");
				model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "issueForm", checked);
				this.validator.validate(withCode.get(), checked);
				return issue(withCode.get(), checked, available, model, request, response);
			}
		}
		else {
			this.validator.validate(issueForm, result);
		}
		return issue(issueForm, result, available, model, request, response);
	}

	/** A form that the validator has checked: the other checks, then STS. */
	private String issue(IssueForm issueForm, BindingResult result, List<CredentialSource> available, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		String actor = Actor.current();
		if (OneTimeKey.SOURCE_ID.equals(issueForm.source()) && this.sources.offersOneTimeKeys()) {
			OneTimeKey.validate(issueForm, result);
		}
		Optional<CredentialSource> source = result.hasFieldErrors("onceAccessKeyId") ? Optional.empty() : this.sources
			.resolve(issueForm.source(), available, issueForm.typedKey(), this.stsSettings.regionOrDefault());
		if (source.isEmpty()) {
			if (!result.hasFieldErrors("onceAccessKeyId")) {
				result.rejectValue("source", "form.source.unknown");
			}
		}
		else if (source.get().sessionCredentials()) {
			result.rejectValue("source", "form.source.sessionCredentials");
		}
		if (this.profiles != null && issueForm.savesProfile() && !result.hasFieldErrors("profileName")) {
			// before STS: a refused save must not spend the code
			this.profiles.refusal(issueForm.profileName(), source.orElse(null))
				.ifPresent((refusal) -> result.rejectValue("profileName", refusal.messageCode(),
						refusal.arguments().toArray(), null));
		}
		if (result.hasErrors()) {
			this.issuing.rejectInput(actor, request.getRemoteAddr(), source.orElse(null), issueForm);
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return showForm(issueForm, available, model);
		}
		try {
			IssuedCredentials issued = this.issuing.issue(actor, request.getRemoteAddr(), source.get(), issueForm);
			response.setHeader("Cache-Control", "no-store");
			model.addAttribute("issued", issued);
			// The id the log line of the unwritten history carries (see RequestIdFilter).
			model.addAttribute("reference", response.getHeader("X-Request-Id"));
			if (this.profiles != null && issueForm.savesProfile()) {
				model.addAttribute("savedProfile", this.profiles.save(issueForm.profileName(), issued.credentials()));
			}
			return RESULT_VIEW;
		}
		catch (AttemptRefusedException ex) {
			response.setStatus((ex.verdict().decision() == Decision.CODE_REUSED) ? HttpStatus.CONFLICT.value()
					: HttpStatus.TOO_MANY_REQUESTS.value());
			if (ex.verdict().retryAt() != null) {
				long seconds = Math.max(1, Duration.between(this.clock.instant(), ex.verdict().retryAt()).toSeconds());
				response.setHeader("Retry-After", String.valueOf(seconds));
				model.addAttribute("refusal",
						new RefusalView(ex.verdict().decision(), ex.verdict().retryAt(), (seconds + 59) / 60));
			}
			else {
				model.addAttribute("refusal", new RefusalView(ex.verdict().decision(), null, 0));
			}
			return showForm(issueForm, available, model);
		}
		catch (PolicyRefusedException ex) {
			response.setStatus(HttpStatus.FORBIDDEN.value());
			model.addAttribute("policyRefusal", ex.verdict());
			return showForm(issueForm, available, model);
		}
		catch (StsCallException ex) {
			response.setStatus(StsFailureStatus.of(ex.failure()).value());
			model.addAttribute("failure", new FailureView(ex, source.get(), issueForm));
			return showForm(issueForm, available, model);
		}
	}

	private String showForm(IssueForm form, List<CredentialSource> available, Model model) {
		return this.page.show(form, available, this.presets.forActor(Actor.current()), model);
	}

}
