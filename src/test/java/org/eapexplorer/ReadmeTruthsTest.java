package org.eapexplorer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Issue 17, item 9: what the README says about setting up and about sessions matches the program. */
class ReadmeTruthsTest {

    private static String readme() throws Exception {
        return Files.readString(Path.of("README.md"));
    }

    @Test
    void itNamesTheSystemLibrariesTheWindowNeedsAndTheFirstDownload() throws Exception {
        String r = readme();
        assertTrue(r.contains("libgtk-3-0") && r.contains("libgl1"), "GTK 3 and GL packages named");
        assertTrue(r.contains("190 MB"), "the first build's download size");
        assertFalse(r.contains("mvn -q -B package"), "the first build shows Maven's download progress");
    }

    @Test
    void itGivesOneSizeForGpt2Small() throws Exception {
        Matcher m = Pattern.compile("GPT-2 small.{0,60}?(\\d+) MB").matcher(readme());
        int found = 0;
        while (m.find()) {
            found++;
            assertTrue(m.group(1).equals("548"), "GPT-2 small's weights are 548 MB, not " + m.group(1) + " MB");
        }
        assertTrue(found > 0);
    }

    @Test
    void itSaysWhatTheWindowDoes() throws Exception {
        String r = readme();
        assertFalse(r.contains("side by side"), "λ-curves are overlaid in one plot");
        assertFalse(r.contains("never by number"), "a session's scores are an array in edge order");
    }
}
