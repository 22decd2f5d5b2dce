package dev.mfaportal.issuing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;

/**
 * The "last used" bookkeeping that listens to {@link CredentialsIssued} (a stored key's
 * date, the order of saved devices). It runs inside the request that shows the
 * credentials, and is not worth losing credentials that STS has already issued for a
 * spent code: a database failure is logged and the request goes on.
 */
public final class LastUse {

	private static final Logger logger = LoggerFactory.getLogger(LastUse.class);

	private LastUse() {
	}

	/**
	 * @param what what was used, for the log: "a stored key"
	 * @param write the update
	 */
	public static void record(String what, Runnable write) {
		try {
			write.run();
		}
		catch (DataAccessException ex) {
			logger.warn("Could not record the use of {}", what, ex);
		}
	}

}
