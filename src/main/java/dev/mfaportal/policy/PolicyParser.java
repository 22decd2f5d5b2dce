package dev.mfaportal.policy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.mfaportal.policy.Policy.Approval;
import dev.mfaportal.policy.Policy.RoleEntry;
import dev.mfaportal.policy.Policy.Rule;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a policy file into a {@link Policy}, or refuses it with the line that is wrong.
 * The YAML is composed into nodes and never constructed into objects, so no tag can make
 * a type; the walk knows every key it takes and refuses any other. A file too large, an
 * anchor bomb (aliases of collections beyond a few) or nesting too deep is refused before
 * it costs memory.
 */
final class PolicyParser {

	/** The largest file read; a policy of a few hundred rules is a few tens of KB. */
	static final int MAX_CHARACTERS = 1024 * 1024;

	/** Aliases of lists or maps: enough to share a list of approvers, not a bomb. */
	static final int MAX_COLLECTION_ALIASES = 20;

	/** Entries walked, aliases expanded: bounds what the few aliases may multiply. */
	static final int MAX_ENTRIES = 100_000;

	// Session lengths STS accepts: GetSessionToken up to 36 hours, a role up to 12.
	static final int MIN_SECONDS = 900;

	static final int SESSION_TOKEN_MAX_SECONDS = 129_600;

	static final int ROLE_MAX_SECONDS = 43_200;

	static final int MAX_VALID_MINUTES = 7 * 24 * 60;

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@+=-]{1,64}");

	private static final Pattern SUBJECT = Pattern.compile("(user|group):[A-Za-z0-9._@+=-]{1,64}");

	private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z0-9 ._@+=-]{1,64}");

	private int entries;

	private PolicyParser() {
	}

	/**
	 * @param text the file's content
	 * @return the policy it says
	 * @throws PolicyException naming the line that is wrong
	 */
	static Policy parse(String text) {
		if (text.length() > MAX_CHARACTERS) {
			throw tooLarge(text.length());
		}
		return new PolicyParser().policy(compose(text));
	}

	static PolicyException tooLarge(long size) {
		return new PolicyException(0, "the file has " + size + " characters; a policy may have at most "
				+ MAX_CHARACTERS + ", so it was not read");
	}

	private static Node compose(String text) {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
		options.setCodePointLimit(MAX_CHARACTERS);
		options.setNestingDepthLimit(20);
		options.setAllowRecursiveKeys(false);
		TrackingParser parser = new TrackingParser(new StreamReader(new StringReader(text)), options);
		try {
			Node root = new Composer(parser, new Resolver(), options).getSingleNode();
			if (root == null) {
				throw new PolicyException(1, "the file is empty; a policy that allows nothing says rules: []");
			}
			return root;
		}
		catch (MarkedYAMLException ex) {
			Mark mark = (ex.getProblemMark() != null) ? ex.getProblemMark() : ex.getContextMark();
			throw new PolicyException((mark != null) ? mark.getLine() + 1 : parser.line(),
					"not YAML: " + oneLine(ex.getProblem()));
		}
		catch (YAMLException ex) {
			// The alias limit says no line; the parser's last event has it.
			throw new PolicyException(parser.line(), "refused: " + oneLine(ex.getMessage()));
		}
	}

	private static String oneLine(String text) {
		String line = (text != null) ? text.replaceAll("\\s+", " ").trim() : "unreadable";
		return (line.length() > 200) ? line.substring(0, 200) + "…" : line;
	}

	private Policy policy(Node root) {
		Map<String, Node> top = mapping(root, Set.of("groups", "rules"));
		Map<String, List<String>> groups = new LinkedHashMap<>();
		if (top.containsKey("groups")) {
			for (Map.Entry<String, Node> group : mapping(top.get("groups"), null).entrySet()) {
				if (!NAME.matcher(group.getKey()).matches()) {
					throw error(group.getValue(), "a group name takes 1 to 64 letters, digits and . _ @ + = -");
				}
				groups.put(group.getKey(), strings(group.getValue(), NAME, "a member's portal user name"));
			}
		}
		Node rulesNode = top.get("rules");
		if (rulesNode == null) {
			throw error(root, "the policy has no rules: list; a policy that allows nothing says rules: []");
		}
		List<Rule> rules = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (Node ruleNode : sequence(rulesNode)) {
			Rule rule = rule(ruleNode, rules.size() + 1);
			if (!names.add(rule.name())) {
				throw error(ruleNode, "a second rule named " + rule.name());
			}
			rules.add(rule);
		}
		return new Policy(groups, rules);
	}

	private Rule rule(Node node, int index) {
		Map<String, Node> rule = mapping(node, Set.of("name", "who", "session-token", "roles"));
		String name = rule.containsKey("name") ? scalar(rule.get("name"), RULE_NAME, "a rule name (64 characters)")
				: "rule " + index;
		if (!rule.containsKey("who")) {
			throw error(node, "the rule has no who: list");
		}
		List<String> who = strings(rule.get("who"), SUBJECT, "user:NAME or group:NAME");
		Integer sessionToken = null;
		if (rule.containsKey("session-token")) {
			Map<String, Node> session = mapping(rule.get("session-token"), Set.of("max-seconds"));
			sessionToken = seconds(session, rule.get("session-token"), SESSION_TOKEN_MAX_SECONDS);
		}
		List<RoleEntry> roles = new ArrayList<>();
		if (rule.containsKey("roles")) {
			for (Node roleNode : sequence(rule.get("roles"))) {
				roles.add(role(roleNode));
			}
		}
		return new Rule(name, line(node), who, sessionToken, roles);
	}

	private RoleEntry role(Node node) {
		Map<String, Node> role = mapping(node, Set.of("arn", "max-seconds", "approval"));
		if (!role.containsKey("arn")) {
			throw error(node, "the role has no arn:");
		}
		String arn = scalar(role.get("arn"), null, "a role ARN");
		if (!ArnPattern.isValid(arn)) {
			throw error(role.get("arn"), "not a role ARN pattern: arn:aws:iam::ACCOUNT:role/NAME, where * stands "
					+ "for characters within one segment");
		}
		int maxSeconds = seconds(role, node, ROLE_MAX_SECONDS);
		Approval approval = null;
		if (role.containsKey("approval")) {
			Map<String, Node> fields = mapping(role.get("approval"), Set.of("by", "valid-minutes"));
			if (!fields.containsKey("by") || !fields.containsKey("valid-minutes")) {
				throw error(role.get("approval"), "an approval needs by: and valid-minutes:");
			}
			List<String> by = strings(fields.get("by"), SUBJECT, "user:NAME or group:NAME");
			if (by.isEmpty()) {
				throw error(fields.get("by"), "an approval needs someone to approve");
			}
			approval = new Approval(by, number(fields.get("valid-minutes"), 1, MAX_VALID_MINUTES));
		}
		return new RoleEntry(new ArnPattern(arn), maxSeconds, approval);
	}

	private int seconds(Map<String, Node> fields, Node owner, int max) {
		if (!fields.containsKey("max-seconds")) {
			throw error(owner, "max-seconds: is missing");
		}
		return number(fields.get("max-seconds"), MIN_SECONDS, max);
	}

	private int number(Node node, int min, int max) {
		String text = scalar(node, null, "a number");
		if (!text.matches("[0-9]{1,9}")) {
			throw error(node, "not a whole number: " + clip(text));
		}
		int value = Integer.parseInt(text);
		if (value < min || value > max) {
			throw error(node, value + " is outside " + min + " to " + max);
		}
		return value;
	}

	/** A mapping's entries by key; with {@code keys}, any other key is refused. */
	private Map<String, Node> mapping(Node node, Set<String> keys) {
		if (!(node instanceof MappingNode map)) {
			throw error(node, "expected a mapping (key: value)");
		}
		Map<String, Node> entries = new LinkedHashMap<>();
		for (NodeTuple tuple : map.getValue()) {
			count(tuple.getKeyNode());
			String key = scalar(tuple.getKeyNode(), null, "a key");
			if (keys != null && !keys.contains(key)) {
				throw error(tuple.getKeyNode(), "unknown key " + clip(key) + "; known here: "
						+ String.join(", ", keys.stream().sorted().toList()));
			}
			if (entries.put(key, tuple.getValueNode()) != null) {
				throw error(tuple.getKeyNode(), "the key " + clip(key) + " appears twice");
			}
		}
		return entries;
	}

	private List<Node> sequence(Node node) {
		if (!(node instanceof SequenceNode list)) {
			throw error(node, "expected a list");
		}
		list.getValue().forEach(this::count);
		return list.getValue();
	}

	private List<String> strings(Node node, Pattern shape, String what) {
		List<String> values = new ArrayList<>();
		for (Node item : sequence(node)) {
			values.add(scalar(item, shape, what));
		}
		return values;
	}

	private String scalar(Node node, Pattern shape, String what) {
		if (!(node instanceof ScalarNode scalar)) {
			throw error(node, "expected " + what);
		}
		String value = scalar.getValue();
		if (shape != null && !shape.matcher(value).matches()) {
			throw error(node, "expected " + what + ", found " + clip(value));
		}
		return value;
	}

	private void count(Node node) {
		if (++this.entries > MAX_ENTRIES) {
			throw error(node, "more than " + MAX_ENTRIES + " entries (aliases count each time)");
		}
	}

	private static String clip(String value) {
		String shown = value.replaceAll("\\p{Cntrl}", "?");
		return (shown.length() > 60) ? shown.substring(0, 60) + "…" : shown;
	}

	private static PolicyException error(Node node, String message) {
		return new PolicyException(line(node), message);
	}

	private static int line(Node node) {
		return node.getStartMark().getLine() + 1;
	}

	/** Remembers where the last event began, for errors that name no place. */
	private static final class TrackingParser extends ParserImpl {

		private Mark last;

		TrackingParser(StreamReader reader, LoaderOptions options) {
			super(reader, options);
		}

		@Override
		public Event getEvent() {
			Event event = super.getEvent();
			if (event != null) {
				this.last = event.getStartMark();
			}
			return event;
		}

		int line() {
			return (this.last != null) ? this.last.getLine() + 1 : 1;
		}

	}

}
