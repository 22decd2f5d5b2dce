package dev.mfaportal.audit;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * The history as an RFC 4180 CSV file: CRLF line ends, a field with a comma, quote, CR or
 * LF in quotes with its quotes doubled. A field that a spreadsheet would take for a
 * formula (it starts with {@code = + - @}, tab or CR) gets a leading apostrophe (OWASP,
 * CSV injection): labels and serial numbers are typed by people. Column names are stable,
 * for scripts that read the file; new ones are added at the end.
 */
final class Csv {

	/**
	 * New columns go at the end, so scripts that read the older ones by position still
	 * work.
	 */
	static final List<String> HEADER = List.of("occurred_at", "member", "source", "access_key", "device_label",
			"serial_number", "duration_seconds", "outcome", "error_code", "expires_at", "client_address", "target",
			"role_arn", "sts_request_id", "issued_access_key_id", "assumed_role_id");

	private static final String LINE_END = "\r\n";

	private Csv() {
	}

	static void write(List<AuditEntry> entries, Writer out) throws IOException {
		row(HEADER, out);
		for (AuditEntry entry : entries) {
			row(Arrays.asList(time(entry.occurredAt()), entry.actor(), entry.source(), entry.accessKeyMasked(),
					entry.deviceLabel(), entry.serialNumber(),
					(entry.durationSeconds() != null) ? String.valueOf(entry.durationSeconds()) : null,
					entry.outcome().name(), entry.errorCode(), time(entry.expiresAt()), entry.clientAddress(),
					entry.target(), entry.ids().roleArn(), entry.ids().stsRequestId(), entry.ids().issuedAccessKeyId(),
					entry.ids().assumedRoleId()), out);
		}
		out.flush();
	}

	/** One field, guarded and quoted as needed; {@code null} is an empty field. */
	static String field(String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		String guarded = startsLikeAFormula(value) ? "'" + value : value;
		if (guarded.indexOf(',') < 0 && guarded.indexOf('"') < 0 && guarded.indexOf('\r') < 0
				&& guarded.indexOf('\n') < 0) {
			return guarded;
		}
		return '"' + guarded.replace("\"", "\"\"") + '"';
	}

	private static boolean startsLikeAFormula(String value) {
		return "=+-@\t\r".indexOf(value.charAt(0)) >= 0;
	}

	private static void row(List<String> fields, Writer out) throws IOException {
		for (int i = 0; i < fields.size(); i++) {
			if (i > 0) {
				out.write(',');
			}
			out.write(field(fields.get(i)));
		}
		out.write(LINE_END);
	}

	private static String time(Instant instant) {
		return (instant != null) ? DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS)) : null;
	}

}
