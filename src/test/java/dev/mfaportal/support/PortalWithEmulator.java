package dev.mfaportal.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.test.context.ContextCustomizerFactories;

/**
 * The portal under test talks to the emulator that the test class holds in its one
 * {@code static} {@link dev.mfaportal.emulator.TestEmulator} field (its own or a
 * superclass's): {@code portal.sts.endpoint}, {@code portal.iam.endpoint} (the emulator
 * serves both) and the console's federation endpoint point at it (the console destination
 * at a closed port), and, unless {@link #accounts()} is false, its users are the portal's
 * credential sources ({@link EmulatedAccounts}, each under its user name). A
 * {@link PortalClient} parameter of a test or {@code @BeforeEach} method gets a client
 * that has followed the launch link, a {@link LaunchablePortal} one the portal to launch
 * more. The emulator stops when the test run ends (a cached context may still use it
 * until then).
 * <p>
 * Goes with the class's own {@code @SpringBootTest(webEnvironment = RANDOM_PORT, ...)}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextCustomizerFactories(EmulatorContextCustomizerFactory.class)
@ExtendWith(PortalWithEmulatorExtension.class)
public @interface PortalWithEmulator {

	/**
	 * Whether the emulator's users replace the portal's credential sources; team mode
	 * tests say {@code false}: members store their keys.
	 */
	boolean accounts() default true;

}
