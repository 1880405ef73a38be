package org.eapexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The help says what the program does now (issue 26): every family, the shipped inputs by name, who uses the network. */
class HelpTextsTest {

    private static String help(String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(0, run.code(), run.err());
        return run.out().replaceAll("\\s+", " ");
    }

    @Test
    void theProgramsHelpNamesEveryFamilyAndTheListOfShippedInputs() {
        String help = help("--help");
        assertFalse(help.contains("GPT-2-style"), help);
        assertTrue(help.contains(" list "), help);
        String score = help("score", "--help");
        assertTrue(score.contains("--model=DIR|NAME"), score);
        String randomModel = help("random-model", "--help");
        for (org.eapexplorer.model.Family f : org.eapexplorer.model.Family.values()) {
            assertTrue(help.contains(f.displayName()), f + " missing from: " + help);
            assertTrue(score.contains(f.displayName()), f + " missing from: " + score);
            assertTrue(randomModel.contains(f.displayName()), f + " missing from: " + randomModel);
        }
        assertTrue(score.contains("--prompts=FILE|NAME"), score);
        assertTrue(help("evaluate", "--help").contains("--truth=FILE|NAME"));
    }

    @Test
    void downloadAndGpuSetupSayWhoUsesTheNetwork() {
        String download = help("download", "--help");
        assertFalse(download.contains("the only command that uses the network"), download);
        assertFalse(download.contains("Fetch a GPT-2 model"), download);
        assertTrue(download.contains("as only this command, gpu-setup and the window's File menu items for the two do"), download);
        String gpu = help("gpu-setup", "--help");
        assertFalse(gpu.contains("One of the two commands that use the network"), gpu);
        assertTrue(gpu.contains("as only this command, download and the window's File menu items for the two do"), gpu);
    }

    /** A score file of any method ranks the edges for these commands; their help called it an "EAP score file". */
    @Test
    void commandsThatRankByAScoreFileDoNotCallItEap() {
        for (String command : new String[] {"hybrid", "patch-all", "acdc"}) {
            String help = help(command, "--help");
            assertFalse(help.contains("EAP score file"), help);
            assertTrue(help.contains("score file of any method (eap, eap-ig-inputs, clean-corrupted)"), help);
        }
    }
}
