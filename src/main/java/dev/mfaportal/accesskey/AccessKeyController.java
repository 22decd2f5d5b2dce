package dev.mfaportal.accesskey;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.mfaportal.rotation.KeyAges;
import dev.mfaportal.rotation.KeyAges.KeyAge;
import dev.mfaportal.rotation.RotatableKeys;
import dev.mfaportal.security.Actor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.DuplicateKeyException;
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
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The keys page: the member's stored keys, the form that stores one, and the actions on
 * them. Every POST that succeeds redirects back with a message. Another member's key
 * answers 404, like one that does not exist. A secret access key goes in and never comes
 * back out: a form shown again after an error has an empty secret field.
 */
@Controller
@Profile("team")
class AccessKeyController {

	static final String LIST_VIEW = "accesskeys/list";

	static final String REDIRECT_TO_LIST = "redirect:/keys";

	/**
	 * Who sees the re-encryption button; {@code /admin/**} itself is guarded by the
	 * security configuration.
	 */
	static final String ADMIN_ROLE = "ADMIN";

	private static final String FORM = "accessKeyForm";

	private final StoredAccessKeys keys;

	private final RotatableKeys rotatable;

	private final KeyAges ages;

	private final AccessKeyFormValidator validator = new AccessKeyFormValidator();

	AccessKeyController(StoredAccessKeys keys, RotatableKeys rotatable, KeyAges ages) {
		this.keys = keys;
		this.rotatable = rotatable;
		this.ages = ages;
	}

	@InitBinder(FORM)
	void initBinder(WebDataBinder binder) {
		binder.setAllowedFields("label", "accessKeyId", "secretAccessKey");
		// Pasted keys often bring a space or a line break along.
		binder.registerCustomEditor(String.class, new StringTrimmerEditor(false));
	}

	@GetMapping("/keys")
	String list(Model model, HttpServletRequest request, HttpServletResponse response) {
		model.addAttribute(FORM, AccessKeyForm.empty());
		return show(model, request, response);
	}

	@PostMapping("/keys")
	String store(@ModelAttribute(FORM) AccessKeyForm form, BindingResult result, Model model,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		String owner = Actor.current();
		this.validator.validate(form, result);
		if (!result.hasFieldErrors("label") && this.keys.labelTaken(owner, form.label())) {
			rejectDuplicate(form, result);
		}
		if (!result.hasErrors()) {
			try {
				this.keys.store(owner, form.label(), form.accessKeyId(), form.secretAccessKey());
				return toList(redirect, "accesskey.flash.added", form.label());
			}
			catch (DuplicateKeyException labelTakenMeanwhile) {
				rejectDuplicate(form, result);
			}
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		// The form first: replacing it drops the result that goes with it.
		model.addAttribute(FORM, form.withoutSecret());
		model.addAttribute(BindingResult.MODEL_KEY_PREFIX + FORM, withoutSecret(form, result));
		return show(model, request, response);
	}

	@PostMapping("/keys/{id}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		String owner = Actor.current();
		StoredKey key = this.keys.find(owner, id).orElseThrow(AccessKeyController::notFound);
		if (!this.keys.delete(owner, key.id())) {
			throw notFound();
		}
		return toList(redirect, "accesskey.flash.deleted", key.label());
	}

	/**
	 * After the encryption key changed: every member's stored secrets under the new key.
	 */
	@PostMapping("/admin/keys/reencrypt")
	String reencrypt(RedirectAttributes redirect) {
		try {
			return toList(redirect, "accesskey.flash.reencrypted", String.valueOf(this.keys.reencryptAll()));
		}
		catch (AccessKeyDecryptionException ex) {
			// Logged with the row it stopped at; the page says where to look.
			redirect.addFlashAttribute("flashError", true);
			return toList(redirect, "accesskey.flash.reencryptFailed", "");
		}
	}

	private static ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND);
	}

	private static void rejectDuplicate(AccessKeyForm form, BindingResult result) {
		result.rejectValue("label", "accesskey.label.duplicate", new Object[] { form.label() }, null);
	}

	/**
	 * The same errors on the form without its secret: a field error keeps the rejected
	 * value, and a page built from the original result could render it.
	 */
	private static BindingResult withoutSecret(AccessKeyForm form, BindingResult result) {
		BindingResult clean = new BeanPropertyBindingResult(form.withoutSecret(), FORM);
		for (FieldError error : result.getFieldErrors()) {
			clean.rejectValue(error.getField(), error.getCode(), error.getArguments(), null);
		}
		return clean;
	}

	private String show(Model model, HttpServletRequest request, HttpServletResponse response) {
		// The page holds a form for secrets and the list of keys: no cache keeps a copy.
		response.setHeader("Cache-Control", "no-store");
		List<StoredKey> listed = this.keys.list(Actor.current());
		model.addAttribute("keys", listed);
		// Each key asks IAM for its own age; a key that can't answer is "unknown".
		Map<Long, KeyAge> ages = new HashMap<>();
		for (StoredKey key : listed) {
			try {
				this.rotatable.find(String.valueOf(key.id()))
					.ifPresent((pair) -> ages.put(key.id(), this.ages.of(pair)));
			}
			catch (AccessKeyDecryptionException undecryptable) {
				// its age stays unknown; using it says why
			}
		}
		model.addAttribute("ages", ages);
		model.addAttribute("admin", request.isUserInRole(ADMIN_ROLE));
		return LIST_VIEW;
	}

	private static String toList(RedirectAttributes redirect, String messageKey, String argument) {
		redirect.addFlashAttribute("flash", messageKey);
		redirect.addFlashAttribute("flashArgument", argument);
		return REDIRECT_TO_LIST;
	}

}
