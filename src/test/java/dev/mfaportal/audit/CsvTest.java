package dev.mfaportal.audit;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTest {

	private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

	private static AuditEntry labelled(String label) {
		return new AuditEntry(1L, T0, "alice", "work", "AKIA…WXYZ", "GAHT12345678", label, 3600, Outcome.ISSUED, null,
				T0.plusSeconds(3600), "127.0.0.1");
	}

	private static String write(AuditEntry... entries) throws IOException {
		StringWriter out = new StringWriter();
		Csv.write(List.of(entries), out);
		return out.toString();
	}

	@Test
	void fieldWhenPlainThenAsIs() {
		assertThat(Csv.field("arn:aws:iam::123456789012:mfa/alice")).isEqualTo("arn:aws:iam::123456789012:mfa/alice");
		assertThat(Csv.field("Teléfono del trabajo")).isEqualTo("Teléfono del trabajo");
		assertThat(Csv.field("a'b")).isEqualTo("a'b");
		assertThat(Csv.field(null)).isEmpty();
		assertThat(Csv.field("")).isEmpty();
	}

	@Test
	void fieldWhenCommaQuoteCrOrLfThenQuotedWithQuotesDoubled() {
		assertThat(Csv.field("a,b")).isEqualTo("\"a,b\"");
		assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
		assertThat(Csv.field("line\nbreak")).isEqualTo("\"line\nbreak\"");
		assertThat(Csv.field("line\r\nbreak")).isEqualTo("\"line\r\nbreak\"");
		assertThat(Csv.field("\"")).isEqualTo("\"\"\"\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx" })
	void fieldWhenItStartsLikeAFormulaThenAnApostropheFirst(String value) {
		String field = Csv.field(value);
		assertThat(parse(field + "\r\n")).containsExactly(List.of("'" + value));
	}

	@Test
	void fieldWhenFormulaWithQuotesAndCommasThenGuardedAndQuoted() {
		assertThat(Csv.field("=HYPERLINK(\"http://x\",\"y\")"))
			.isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
		assertThat(Csv.field("a=1")).as("only at the start").isEqualTo("a=1");
	}

	@Test
	void writeWhenEntriesThenHeaderAndOneCrlfEndedLinePerEntryWithEmptyFieldsForNulls() throws IOException {
		AuditEntry failed = new AuditEntry(2L, T0.plusNanos(123_456_000), "alice", null, null, null, null, null,
				Outcome.DEVICE_LOCKED, null, null, null);
		assertThat(write(labelled("Work phone"), failed)).isEqualTo("occurred_at,member,source,access_key,device_label,"
				+ "serial_number,duration_seconds,outcome,error_code,expires_at,client_address,target,role_arn,"
				+ "sts_request_id,issued_access_key_id,assumed_role_id\r\n"
				+ "2026-11-26T10:00:00Z,alice,work,AKIA…WXYZ,Work phone,GAHT12345678,3600,ISSUED,,2026-11-26T11:00:00Z,"
				+ "127.0.0.1,,,,,\r\n" + "2026-11-26T10:00:00Z,alice,,,,,,DEVICE_LOCKED,,,,,,,,\r\n");
	}

	@Test
	void writeWhenALabelHoldsCommaQuoteAndNewlineThenItReadsBackTheSame() throws IOException {
		String label = "Work, \"blue\"\nphone\r\nsecond line";
		List<List<String>> rows = parse(write(labelled(label), labelled("plain")));

		assertThat(rows).hasSize(3);
		assertThat(rows.get(0)).isEqualTo(Csv.HEADER);
		assertThat(rows).allSatisfy((row) -> assertThat(row).hasSize(Csv.HEADER.size()));
		assertThat(rows.get(1).get(Csv.HEADER.indexOf("device_label"))).isEqualTo(label);
		assertThat(rows.get(2).get(Csv.HEADER.indexOf("device_label"))).isEqualTo("plain");
		assertThat(rows.get(1).get(Csv.HEADER.indexOf("serial_number"))).isEqualTo("GAHT12345678");
	}

	/** A strict RFC 4180 reader: CRLF ends a record, quotes only around a whole field. */
	private static List<List<String>> parse(String csv) {
		List<List<String>> rows = new ArrayList<>();
		List<String> row = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		int i = 0;
		boolean quoted = false;
		while (i < csv.length()) {
			char c = csv.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
					field.append('"');
					i += 2;
					continue;
				}
				if (c == '"') {
					quoted = false;
					i++;
					assertThat(i == csv.length() || csv.charAt(i) == ',' || csv.startsWith("\r\n", i))
						.as("nothing between a closing quote and the separator at " + i)
						.isTrue();
					continue;
				}
				field.append(c);
				i++;
			}
			else if (c == '"') {
				assertThat(field).as("a quote opens a field only at its start, at " + i).isEmpty();
				quoted = true;
				i++;
			}
			else if (c == ',') {
				row.add(field.toString());
				field.setLength(0);
				i++;
			}
			else if (csv.startsWith("\r\n", i)) {
				row.add(field.toString());
				field.setLength(0);
				rows.add(row);
				row = new ArrayList<>();
				i += 2;
			}
			else {
				assertThat(c).as("a bare CR or LF outside quotes at " + i).isNotIn('\r', '\n');
				field.append(c);
				i++;
			}
		}
		assertThat(quoted).as("unterminated quote").isFalse();
		assertThat(row).as("the last record ends with CRLF").isEmpty();
		assertThat(field).isEmpty();
		return rows;
	}

}
