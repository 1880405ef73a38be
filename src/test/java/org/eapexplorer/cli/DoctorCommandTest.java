package org.eapexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doctor prints the facts the issue lists, and refuses a bad --libtorch in one line. */
class DoctorCommandTest {

    @TempDir
    Path dir;

    @Test
    void doctorPrintsVersionsLibtorchDevicesThreadsAllocatorAndNetwork() {
        CliRun r = CliRun.of("doctor");
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
        CliRun r = CliRun.of("doctor", "--libtorch", empty.toString());
        assertEquals(1, r.code());
        assertEquals("error: --libtorch " + empty + ": no libtorch.so in it or in its lib/ (expected a libtorch 2.7.1 folder "
                + "or a pip-installed torch/lib)", r.err().strip());
    }
}
