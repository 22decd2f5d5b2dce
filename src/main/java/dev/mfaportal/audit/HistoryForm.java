package dev.mfaportal.audit;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.regex.Pattern;

import org.springframework.validation.Errors;

/**
 * The history page's query parameters, as typed: every field is text, so a bad value ends
 * in a message on the page instead of a binding error. Error codes are message keys.
 *
 * @param device an MFA device, or {@code null} for all
 * @param outcome an {@link Outcome} name, or {@code null} for all
 * @param from the first day, {@code yyyy-MM-dd} in UTC, or {@code null}
 * @param to the last day, inclusive, or {@code null}
 * @param page the page number, from 0, or {@code null} for the first
 * @param member for an admin, one member's rows, or {@code null} for everyone's
 * @param awsId an issued access key id or an STS request id, as CloudTrail shows them
 */
record HistoryForm(String device, String outcome, String from, String to, String page, String member, String awsId) {

	/** What access key ids ({@code ASIA…}) and STS request ids (UUIDs) are made of. */
	private static final Pattern AWS_ID = Pattern.compile("[A-Za-z0-9-]{1,128}");

	HistoryForm(String device, String outcome, String from, String to, String page, String member) {
		this(device, outcome, from, to, page, member, null);
	}

	static final LocalDate EARLIEST = LocalDate.of(1970, 1, 1);

	static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

	/**
	 * Far beyond any real history, and small enough that the row offset can't overflow.
	 */
	static final int MAX_PAGE = 1_000_000;

	// What <input type="date"> sends: exactly four digits of year, no sign.
	private static final DateTimeFormatter DATE = new DateTimeFormatterBuilder().appendValue(ChronoField.YEAR, 4)
		.appendLiteral('-')
		.appendValue(ChronoField.MONTH_OF_YEAR, 2)
		.appendLiteral('-')
		.appendValue(ChronoField.DAY_OF_MONTH, 2)
		.toFormatter()
		.withResolverStyle(ResolverStyle.STRICT);

	/**
	 * The filter for the actor's rows, or {@code null} with the reasons in
	 * {@code errors}.
	 */
	AuditFilter filter(String actor, Errors errors) {
		Outcome outcomeValue = outcome(errors);
		LocalDate fromDay = day("from", this.from, errors);
		LocalDate toDay = day("to", this.to, errors);
		if (fromDay != null && toDay != null && fromDay.isAfter(toDay)) {
			errors.rejectValue("to", "history.range.reversed");
		}
		if (this.awsId != null && !AWS_ID.matcher(this.awsId).matches()) {
			errors.rejectValue("awsId", "history.awsId.invalid");
		}
		if (errors.hasErrors()) {
			return null;
		}
		return new AuditFilter(actor, this.device, outcomeValue, startOf(fromDay),
				(toDay != null) ? startOf(toDay.plusDays(1)) : null, this.awsId);
	}

	/** The page number, or 0 with the reason in {@code errors}. */
	int pageNumber(Errors errors) {
		if (this.page == null) {
			return 0;
		}
		try {
			int number = Integer.parseInt(this.page);
			if (number >= 0 && number <= MAX_PAGE) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// rejected below
		}
		errors.rejectValue("page", "history.page.invalid");
		return 0;
	}

	private Outcome outcome(Errors errors) {
		if (this.outcome == null) {
			return null;
		}
		for (Outcome candidate : Outcome.values()) {
			if (candidate.name().equals(this.outcome)) {
				return candidate;
			}
		}
		errors.rejectValue("outcome", "history.outcome.unknown");
		return null;
	}

	private static LocalDate day(String field, String value, Errors errors) {
		if (value == null) {
			return null;
		}
		LocalDate day;
		try {
			day = LocalDate.parse(value, DATE);
		}
		catch (DateTimeException ex) {
			errors.rejectValue(field, "history.date.format");
			return null;
		}
		if (day.isBefore(EARLIEST) || day.isAfter(LATEST)) {
			errors.rejectValue(field, "history.date.range");
			return null;
		}
		return day;
	}

	private static Instant startOf(LocalDate day) {
		return (day != null) ? day.atStartOfDay(ZoneOffset.UTC).toInstant() : null;
	}

}
