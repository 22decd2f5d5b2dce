package dev.mfaportal.support;

/**
 * A database a test gives the portal: a Spring test class that holds one in a
 * {@code static} field (with {@code @RegisterExtension}, so it stops after the class) has
 * its {@link #url()} as {@code spring.datasource.url}, set by
 * {@link DatabaseContextCustomizerFactory} before the context refreshes. No
 * {@code @DynamicPropertySource} to write.
 */
public interface PortalDatabase {

	/** The portal's {@code spring.datasource.url}. */
	String url();

}
