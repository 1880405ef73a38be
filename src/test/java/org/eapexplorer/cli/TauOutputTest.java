package org.eapexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17, item 7: the command line prints τ as it was written (0.001), never as %g does (0.00100000). */
class TauOutputTest {

    private static final Path TINY = Path.of("src/test/resources/fixtures/tiny-f32");

    @TempDir
    Path dir;

    @Test
    void acdcPrintsTauPlainly() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = EapCli.run("acdc", "--model", TINY.toString(), "--prompts", TINY.resolve("prompts.jsonl").toString(),
                    "--device", "cpu", "--tau", "0.001", "--out", dir.resolve("acdc.json").toString());
        } finally {
            System.setErr(err);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        assertTrue(text.contains("τ=0.001)"), text);
        assertFalse(text.contains("0.00100000"), text);
    }
}
