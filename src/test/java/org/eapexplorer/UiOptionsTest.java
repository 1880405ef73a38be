package org.eapexplorer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's outputs ({@code --screenshot}, {@code --save-session}) are held to the command line's rule: never onto an input. */
class UiOptionsTest {

    @TempDir
    Path dir;

    @Test
    void aScreenshotOrSessionOntoAnInputIsRefusedBeforeTheWindowOpens() throws Exception {
        Path model = Files.createDirectory(dir.resolve("model"));
        Path config = Files.writeString(model.resolve("config.json"), "{}");
        Path session = Files.writeString(dir.resolve("s.json"), "{}");
        for (List<String> args : List.of(
                List.of("--model", model.toString(), "--screenshot", config.toString()),
                List.of("--model", model.toString(), "--save-session", model.resolve("s.json").toString()),
                List.of("--session", session.toString(), "--screenshot", session.toString()),
                List.of("--session", session.toString(), "--save-session", session.toString()),
                List.of("--screenshot", dir.resolve("x.png").toString(), "--save-session", dir.resolve("x.png").toString()))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UiOptions.parse(args), args.toString());
            assertTrue(e.getMessage().contains(args.get(args.size() - 1)), e.getMessage());
        }
        assertArrayEquals("{}".getBytes(), Files.readAllBytes(config));
        UiOptions.parse(List.of("--model", model.toString(), "--screenshot", dir.resolve("shot.png").toString()));
    }

    /** Issue 24 item 10: a size past any screen (1e400 reads as infinity) is refused as too large, naming --size. */
    @Test
    void aSizeTooLargeIsRefusedNamingTheOption() {
        for (String size : List.of("1e400x300", "1280x1e9", "10001x800")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UiOptions.parse(List.of("--size", size)), size);
            assertTrue(e.getMessage().equals("--size " + size + " is too large: each side at most 10000"), e.getMessage());
        }
        for (String size : List.of("NaNx300", "Infinityx800", "199x800", "-5x800")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UiOptions.parse(List.of("--size", size)), size);
            assertTrue(e.getMessage().startsWith("--size must be WIDTHxHEIGHT"), e.getMessage());
        }
        UiOptions.parse(List.of("--size", "10000x200"));
    }
}
