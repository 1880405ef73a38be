package org.eapexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doctor prints the facts the issue lists, and refuses a bad --libtorch in one line. */
class DoctorCommandTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = EapCli.run(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void doctorPrintsVersionsLibtorchDevicesThreadsAllocatorAndNetwork() {
        Run r = run("doctor");
        assertEquals(0, r.code(), r.err());
        for (String label : new String[] {"EAP Explorer:", "Java:", "DJL:", "libtorch:", "libtorch loaded from:", "CUDA devices:",
                "threads:", "allocator:", "network:"}) {
            assertTrue(r.out().contains(label), label + " missing in\n" + r.out());
        }
        assertTrue(r.out().contains("0.1.0"), r.out());
        assertTrue(r.out().matches("(?s).*libtorch: +2\\.7\\.1 cpu.*"), r.out());
        assertTrue(r.out().contains("none: the loaded libtorch is a CPU build"), r.out());
        assertTrue(r.out().matches("(?s).*network: +none \\(DJL offline, usage tracking off\\).*"), r.out());
    }

    @Test
    void aLibtorchFolderWithoutLibtorchIsRefusedInOneLine() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("torch-lib"));
        Run r = run("doctor", "--libtorch", empty.toString());
        assertEquals(1, r.code());
        assertEquals("error: --libtorch " + empty + ": no libtorch.so in it or in its lib/ (expected a libtorch 2.7.1 folder "
                + "or a pip-installed torch/lib)", r.err().strip());
    }
}
