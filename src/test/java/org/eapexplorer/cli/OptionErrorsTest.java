package org.eapexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 24 item 10: an option error is one line, the reason and where to read more, not the reason drowned above
 * forty lines of usage: what a user reads last is why the command did not run.
 */
class OptionErrorsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "score --model induction-2l --prompts induction.jsonl --out o.json --bogus | Unknown option: '--bogus' | eap-explorer score",
            "score --model induction-2l --prompts induction.jsonl --out o.json --batch-size x | Invalid value for option '--batch-size': 'x' is not an int | eap-explorer score",
            "render --scores s.json --out a.pdf | Missing required argument (specify one of these): (--top-k=N | eap-explorer render",
            "render --scores s.json --out a.pdf --top-k 3 --scale 0.1 | --scale must be between 0.5 and | eap-explorer render",
            "frobnicate | Unmatched argument at index 0: 'frobnicate' | eap-explorer",
            "patch-all --model | Missing required parameter for option '--model' | eap-explorer patch-all"})
    void theReasonIsTheOnlyLine(String args, String reason, String command) {
        CliRun run = CliRun.of(args.trim().split(" "));
        assertEquals(2, run.code(), run.err());
        List<String> lines = run.err().strip().lines().toList();
        assertEquals(1, lines.size(), "one line: " + run.err());
        String line = lines.get(0);
        assertTrue(line.startsWith("error: " + reason.trim()), line);
        assertTrue(line.endsWith("(see '" + command.trim() + " --help')"), line);
    }
}
