package dev.mfaportal.approval;

import dev.mfaportal.security.Actor;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The approvals page: the member's own requests and the form that asks, and for approvers
 * the requests they may answer. Every step that succeeds redirects back with a message; a
 * refusal shows the page again with the sentence that says why, under the status that
 * fits (400 for a form, 403 for a step the member may not take, 404, 409 for a request
 * closed meanwhile).
 */
@Controller
@Profile("team")
class ApprovalController {

	static final String VIEW = "approvals/list";

	static final String PATH = "/approvals";

	private static final String FORM = "approvalForm";

	private final Approvals approvals;

	ApprovalController(Approvals approvals) {
		this.approvals = approvals;
	}

	@InitBinder(FORM)
	void initBinder(WebDataBinder binder) {
		binder.setAllowedFields("roleArn", "durationSeconds", "reason");
	}

	/** Filled from the link the issuing form's refusal gives, when it gives one. */
	@GetMapping(PATH)
	String list(@RequestParam(required = false) String roleArn, @RequestParam(required = false) String durationSeconds,
			Model model, HttpServletResponse response) {
		ApprovalForm empty = ApprovalForm.empty();
		model.addAttribute(FORM, new ApprovalForm(prefill(roleArn, empty.roleArn()),
				prefill(durationSeconds, empty.durationSeconds()), ""));
		return show(model, response);
	}

	@PostMapping(PATH)
	String request(@ModelAttribute(FORM) ApprovalForm form, BindingResult result, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		ApprovalFormValidator.validate(form, result);
		if (!result.hasErrors()) {
			try {
				long id = this.approvals.request(Actor.current(), form);
				return back(redirect, "approval.flash.requested", String.valueOf(id));
			}
			catch (ApprovalRefusedException ex) {
				result.reject(ex.messageCode(), ex.arguments().toArray(), null);
			}
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		return show(model, response);
	}

	@PostMapping(PATH + "/{id}/approve")
	String approve(@PathVariable String id, @RequestParam(required = false) String note, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		return answer(id, note, true, model, response, redirect);
	}

	@PostMapping(PATH + "/{id}/deny")
	String deny(@PathVariable String id, @RequestParam(required = false) String note, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		return answer(id, note, false, model, response, redirect);
	}

	@PostMapping(PATH + "/{id}/withdraw")
	String withdraw(@PathVariable String id, Model model, HttpServletResponse response, RedirectAttributes redirect) {
		try {
			Approval withdrawn = this.approvals.withdraw(id(id), Actor.current());
			return back(redirect, "approval.flash.withdrawn", String.valueOf(withdrawn.id()));
		}
		catch (ApprovalRefusedException ex) {
			return refused(ex, model, response);
		}
	}

	private String answer(String id, String note, boolean approve, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		try {
			long approvalId = id(id);
			if (!ApprovalFormValidator.validNote(note)) {
				throw new ApprovalRefusedException(HttpStatus.BAD_REQUEST, "approval.note.format",
						String.valueOf(ApprovalRepository.TEXT_SIZE));
			}
			String cleanNote = (note == null || note.isBlank()) ? null : note;
			String approver = Actor.current();
			Approval answered = approve ? this.approvals.approve(approvalId, approver, cleanNote)
					: this.approvals.deny(approvalId, approver, cleanNote);
			return back(redirect, approve ? "approval.flash.approved" : "approval.flash.denied",
					String.valueOf(answered.id()));
		}
		catch (ApprovalRefusedException ex) {
			return refused(ex, model, response);
		}
	}

	private String refused(ApprovalRefusedException ex, Model model, HttpServletResponse response) {
		response.setStatus(ex.status().value());
		model.addAttribute("refusal", ex.messageCode());
		model.addAttribute("refusalArguments", ex.arguments());
		model.addAttribute(FORM, ApprovalForm.empty());
		return show(model, response);
	}

	private String show(Model model, HttpServletResponse response) {
		String member = Actor.current();
		// Reasons and notes are the team's business: no cache keeps a copy.
		response.setHeader("Cache-Control", "no-store");
		model.addAttribute("mine", this.approvals.mine(member));
		model.addAttribute("toAnswer", this.approvals.toAnswer(member));
		model.addAttribute("member", member);
		return VIEW;
	}

	/**
	 * A path's id: anything but a number is no request's, like one that doesn't exist.
	 */
	private static long id(String id) {
		if (id == null || !id.matches("\\d{1,18}")) {
			throw new ApprovalRefusedException(HttpStatus.NOT_FOUND, "approval.refused.notFound");
		}
		return Long.parseLong(id);
	}

	/** A prefill shown in a field, never trusted: the POST checks it. */
	private static String prefill(String value, String otherwise) {
		return (value != null && value.length() <= ApprovalRepository.ROLE_ARN_SIZE) ? value : otherwise;
	}

	private static String back(RedirectAttributes redirect, String messageKey, String argument) {
		redirect.addFlashAttribute("flash", messageKey);
		redirect.addFlashAttribute("flashArgument", argument);
		return "redirect:" + PATH;
	}

}
