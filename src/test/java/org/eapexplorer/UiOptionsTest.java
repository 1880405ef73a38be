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
}
