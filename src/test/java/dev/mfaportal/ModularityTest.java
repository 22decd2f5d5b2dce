package dev.mfaportal;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of the main code, as rules the build checks: which feature (top-level package
 * under {@code dev.mfaportal}) may use which, no cycles between features, no reaching
 * into another feature's sub-packages, and the STS emulator used by {@code demo} alone
 * (tests may use anything; only the main classes are checked).
 * <p>
 * <b>Admitting a new package</b> (say {@code dev.mfaportal.launcher}): one line in
 * {@link #FEATURES}, {@code feature("launcher", "security", "system")}, naming what it
 * may use; a feature that is to use it gets its name on its own line. Nothing else: no
 * package-info, no annotation. A top-level package that is not listed fails
 * {@link #everyTopLevelPackageIsAFeatureListedHere()}; a use of a feature not on the
 * user's line fails {@link #featuresUseOnlyTheFeaturesTheirLineAllows()} naming the
 * class, the member and the line. Keep the table acyclic: issuing knows neither the audit
 * nor the limits, they listen to its events and implement its interfaces.
 */
class ModularityTest {

	private static final String ROOT = "dev.mfaportal";

	/**
	 * Every feature, and the features it may use. Its own package and the root package
	 * ({@code MfaPortalApplication}) need no mention; the JDK and libraries are not
	 * checked here.
	 */
	static final Map<String, Set<String>> FEATURES = Map.ofEntries(
			feature("approval", "issuing", "security", "sts", "system"),
			feature("policy", "approval", "issuing", "security", "system"),
			feature("accesskey", "credentialsource", "issuing", "limit", "rotation", "security", "sts", "system"),
			feature("account", "limit", "security", "system"),
			feature("audit", "accesskey", "account", "approval", "events", "issuing", "limit", "policy", "rotation",
					"security", "sts", "system", "terminal"),
			feature("credentialsource", "sts"), feature("demo", "credentialsource", "emulator", "sts"),
			feature("device", "credentialsource", "issuing", "limit", "security", "sts", "system"), feature("emulator"),
			feature("events", "snippet", "system"), feature("help"), feature("launcher", "security"),
			feature("yubikey", "issuing"), feature("profile", "credentialsource", "issuing", "snippet", "sts"),
			feature("issuing", "credentialsource", "security", "snippet", "sts"), feature("limit", "issuing", "system"),
			feature("operations", "issuing", "limit", "security", "sts"),
			feature("rotation", "issuing", "security", "sts"), feature("security"), feature("snippet", "sts"),
			feature("sts"), feature("system", "security"),
			feature("terminal", "credentialsource", "issuing", "rotation", "security", "snippet", "sts"),
			feature("vault", "credentialsource", "rotation", "sts", "system"));

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(ROOT);

	@Test
	void everyTopLevelPackageIsAFeatureListedHere() {
		Set<String> found = new TreeSet<>();
		MAIN.stream()
			.map((type) -> featureOf(type.getPackageName()))
			.filter((name) -> !name.isEmpty())
			.forEach(found::add);

		assertThat(FEATURES.keySet())
			.as("every top-level package under %s has its line in ModularityTest.FEATURES, saying what it may use",
					ROOT)
			.containsAll(found);
	}

	@Test
	void featuresUseOnlyTheFeaturesTheirLineAllows() {
		classes().that()
			.resideInAPackage(ROOT + ".*..")
			.should(useOnlyAllowedFeatures())
			.because("ModularityTest.FEATURES is the map of who may use whom")
			.check(MAIN);
	}

	@Test
	void featuresFormNoCycle() {
		slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(MAIN);
	}

	@Test
	void emulatorIsUsedByTheDemoAloneAndNeedsNothingButTheJdk() {
		noClasses().that()
			.resideOutsideOfPackages(ROOT + ".emulator..", ROOT + ".demo..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(ROOT + ".emulator..")
			.because("the STS emulator stands in for AWS in the demo and in tests, never in production")
			.check(MAIN);
		classes().that()
			.resideInAPackage(ROOT + ".emulator..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage(ROOT + ".emulator..", "java..", "javax.crypto..", "com.sun.net.httpserver..")
			.because("an emulator built from the SDK's classes would share the SDK's mistakes")
			.check(MAIN);
	}

	@Test
	void webEntryPointsAreInternalToTheirFeature() {
		classes().that()
			.areAnnotatedWith(Controller.class)
			.or()
			.areAnnotatedWith(RestController.class)
			.or()
			.areAnnotatedWith(ControllerAdvice.class)
			.should()
			.notBePublic()
			.because("a feature offers its routes, not its controller classes")
			.check(MAIN);
	}

	private static Map.Entry<String, Set<String>> feature(String name, String... mayUse) {
		return Map.entry(name, Set.copyOf(Arrays.asList(mayUse)));
	}

	/**
	 * {@code accesskey} for {@code dev.mfaportal.accesskey.x}, "" for the root package.
	 */
	private static String featureOf(String packageName) {
		if (packageName.equals(ROOT)) {
			return "";
		}
		String rest = packageName.substring(ROOT.length() + 1);
		int dot = rest.indexOf('.');
		return (dot < 0) ? rest : rest.substring(0, dot);
	}

	/**
	 * Uses of another feature: on that feature's line, and of its top-level package only
	 * (its sub-packages are its internals).
	 */
	private static ArchCondition<JavaClass> useOnlyAllowedFeatures() {
		return new ArchCondition<>("use only the features on their line of ModularityTest.FEATURES") {

			@Override
			public void check(JavaClass type, ConditionEvents events) {
				String from = featureOf(type.getPackageName());
				for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
					String target = dependency.getTargetClass().getBaseComponentType().getPackageName();
					if (!target.startsWith(ROOT + ".")) {
						continue;
					}
					String to = featureOf(target);
					if (to.equals(from)) {
						continue;
					}
					if (!FEATURES.getOrDefault(from, Set.of()).contains(to)) {
						events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription() + ": " + from
								+ " may not use " + to + " (its line in ModularityTest.FEATURES)"));
					}
					else if (!target.equals(ROOT + "." + to)) {
						events.add(SimpleConditionEvent.violated(dependency,
								dependency.getDescription() + ": " + target + " is internal to " + to));
					}
				}
			}

		};
	}

}
