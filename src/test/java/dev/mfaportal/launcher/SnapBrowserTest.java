package dev.mfaportal.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The snap look-up never stands in the launch link's way: a PATH entry that is no path
 * here (a Windows entry, a NUL), or a machine without snaps, means "no snap".
 */
class SnapBrowserTest {

	@TempDir
	Path home;

	@Test
	void folderWhenAPathEntryIsNoPathThenNoSnapAndNoException() throws Exception {
		Path snaps = Files.createDirectories(this.home.resolve("snap-root").resolve("bin"));

		assertThat(SnapBrowser.folder("firefox", Map.of("PATH", "bad\0entry:" + snaps), this.home, snaps.getParent()))
			.isEmpty();
	}

	@Test
	void folderWhenTheMachineHasNoSnapsThenNoneIsLookedFor() {
		assertThat(SnapBrowser.folder("firefox", Map.of("PATH", "\"C:\\Program Files\\Firefox\""), this.home,
				this.home.resolve("no-snaps")))
			.isEmpty();
	}

}
