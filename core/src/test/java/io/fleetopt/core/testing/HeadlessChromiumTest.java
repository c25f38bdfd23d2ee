package io.fleetopt.core.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HeadlessChromiumTest {

    @Test
    void rendersAPageInDebiansChromium(@TempDir Path dir) throws Exception {
        Path page = Files.writeString(dir.resolve("page.html"), "<!doctype html><title>fleetopt page test</title><p>ok");
        String findings = HeadlessChromium.installed().run(Path.of("src/test/resources/browser/render-title.mjs"), 60,
                page.toUri().toString());
        assertEquals("{\"title\":\"fleetopt page test\",\"consoleErrors\":[]}", findings);
    }
}
