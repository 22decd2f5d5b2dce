package dev.mfaportal.audit;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import dev.mfaportal.security.Actor;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The current actor's history at {@code /history}, a page at a time, and all of it that
 * matches the filters as CSV. A bad filter value gets a message on the page, never an
 * error page.
 */
@Controller
class HistoryController {

	static final String VIEW = "audit/history";

	static final String PATH = "/history";

	static final String CSV_PATH = "/history.csv";

	static final int PAGE_SIZE = 20;

	static final String CSV_FILE_NAME = "mfa-portal-history.csv";

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private final AuditRepository audit;

	private final AuditSettings settings;

	HistoryController(AuditRepository audit, AuditSettings settings) {
		this.audit = audit;
		this.settings = settings;
	}

	@InitBinder("historyForm")
	void initBinder(WebDataBinder binder) {
		binder.setAllowedFields("device", "outcome", "from", "to", "page", "member", "awsId");
		binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
	}

	@GetMapping(PATH)
	String history(@ModelAttribute("historyForm") HistoryForm form, BindingResult result, Model model,
			HttpServletResponse response) {
		String actor = whose(form);
		AuditFilter filter = form.filter(actor, result);
		int page = form.pageNumber(result);
		if (result.hasErrors()) {
			return showErrors(form, actor, model, response);
		}
		long total = this.audit.count(filter);
		int pageCount = (int) ((total + PAGE_SIZE - 1) / PAGE_SIZE);
		List<AuditEntry> entries = (page < pageCount) ? this.audit.search(filter, page * PAGE_SIZE, PAGE_SIZE)
				: List.of();
		model.addAttribute("entries", entries);
		model.addAttribute("total", total);
		model.addAttribute("pageNumber", page + 1);
		model.addAttribute("pageCount", pageCount);
		model.addAttribute("pastEnd", total > 0 && page >= pageCount);
		model.addAttribute("firstUrl", url(PATH, form, 0));
		model.addAttribute("previousUrl", (page > 0 && page < pageCount) ? url(PATH, form, page - 1) : null);
		model.addAttribute("nextUrl", (page + 1 < pageCount) ? url(PATH, form, page + 1) : null);
		model.addAttribute("csvUrl", url(CSV_PATH, form, 0));
		return showForm(form, actor, model);
	}

	/**
	 * Every matching row, not one page. Written only after the query succeeded, so a
	 * failure still ends on the error page rather than in half a file.
	 */
	@GetMapping(CSV_PATH)
	String csv(@ModelAttribute("historyForm") HistoryForm form, BindingResult result, Model model,
			HttpServletResponse response) throws IOException {
		String actor = whose(form);
		AuditFilter filter = form.filter(actor, result);
		if (result.hasErrors()) {
			return showErrors(form, actor, model, response);
		}
		List<AuditEntry> entries = this.audit.searchAll(filter);
		response.setContentType("text/csv; charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename(CSV_FILE_NAME).build().toString());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		Csv.write(entries, response.getWriter());
		return null;
	}

	/**
	 * A member sees their own history; a team admin sees everyone's, or one member's with
	 * {@code member}. The {@code member} parameter means nothing to anyone else.
	 */
	private static String whose(HistoryForm form) {
		if (!Actor.isAdmin()) {
			return Actor.current();
		}
		return (form.member() != null) ? form.member() : null;
	}

	private String showErrors(HistoryForm form, String actor, Model model, HttpServletResponse response) {
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		return showForm(form, actor, model);
	}

	private String showForm(HistoryForm form, String actor, Model model) {
		List<String> devices = new ArrayList<>(this.audit.serialNumbers(actor));
		if (form.device() != null && !devices.contains(form.device())) {
			// A device from a link or bookmark that has no rows (any more) stays
			// selected.
			devices.add(form.device());
		}
		model.addAttribute("devices", devices);
		model.addAttribute("outcomes", Outcome.values());
		model.addAttribute("earliest", HistoryForm.EARLIEST.toString());
		model.addAttribute("latest", HistoryForm.LATEST.toString());
		model.addAttribute("retentionDays", String.valueOf(this.settings.retentionDays()));
		model.addAttribute("utc", UTC);
		model.addAttribute("everyone", Actor.isAdmin());
		return VIEW;
	}

	/**
	 * The page's own URL with the filters kept; empty filters and page 0 are left out.
	 */
	private static String url(String path, HistoryForm form, int page) {
		StringJoiner query = new StringJoiner("&", path + "?", "").setEmptyValue(path);
		add(query, "device", form.device());
		add(query, "outcome", form.outcome());
		add(query, "from", form.from());
		add(query, "to", form.to());
		add(query, "member", form.member());
		add(query, "awsId", form.awsId());
		add(query, "page", (page > 0) ? String.valueOf(page) : null);
		return query.toString();
	}

	private static void add(StringJoiner query, String name, String value) {
		if (value != null) {
			// Form encoding, which the servlet decodes: "+" in a serial number becomes
			// %2B, not a space.
			query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
		}
	}

}
