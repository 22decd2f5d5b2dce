package dev.mfaportal.terminal;

import java.util.List;

import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.credentialsource.RoleProfile;
import dev.mfaportal.terminal.HeldSession.Held;
import dev.mfaportal.terminal.ServedSessionView.ServedRole;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * Tells the issuing pages (the form and the result) that terminals can be served, and
 * whether a session is held: {@code terminalServing} shows the checkbox,
 * {@code servedSession} the fragment {@code terminal/served},
 * {@code terminalTokenReplaced} that this start replaced a token others could read.
 * Issuing knows none of them. After the handler, not before as a controller advice would:
 * the result page must show the session its own request has just held.
 */
class ServedSessionPages implements HandlerInterceptor {

	private final HeldSession held;

	private final TerminalToken token;

	private final CredentialSources sources;

	ServedSessionPages(HeldSession held, TerminalToken token, CredentialSources sources) {
		this.held = held;
		this.token = token;
		this.sources = sources;
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView page) {
		if (page == null || page.getViewName() == null || page.getViewName().startsWith("redirect:")) {
			return;
		}
		page.addObject("terminalServing", true);
		// Until the portal stops: every shell and program set up before this start holds
		// a
		// token that no longer admits.
		this.token.replacedBecauseLoose()
			.ifPresent((loose) -> page.addObject("terminalTokenReplaced", this.token.file().toString()));
		this.held.current()
			.ifPresent((session) -> page.addObject("servedSession", view(session, request.getLocalPort())));
	}

	private ServedSessionView view(Held session, int port) {
		List<RoleProfile> profiles = this.sources.roleProfiles()
			.stream()
			.filter((profile) -> TerminalLines.SERVABLE_NAME.matcher(profile.name()).matches())
			.toList();
		List<ServedRole> roles = profiles.stream()
			.map((profile) -> new ServedRole(profile.name(), profile.roleArn(), TerminalLines.url(port, profile.name()),
					session.source().id().equals(profile.sourceId())))
			.toList();
		List<String> servable = roles.stream().filter(ServedRole::servable).map(ServedRole::profile).toList();
		return new ServedSessionView(session.credentials().expiration(), session.source().name(),
				this.token.file().toString(), TerminalLines.bash(port, null, this.token.file()),
				TerminalLines.fish(port, null, this.token.file()),
				TerminalLines.powershell(port, null, this.token.file()),
				TerminalLines.config(port, servable, this.token.headerFile(), TerminalLines.curl()), roles,
				this.token.usedSinceMade());
	}

}
