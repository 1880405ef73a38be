package org.eapexplorer.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eapexplorer.io.PromptPairFile;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.model.PromptPair;
import org.eapexplorer.tokenizer.Tokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GreaterThanPromptGeneratorTest {

    static Tokenizer gpt2;
    static GreaterThanPromptGenerator generator;

    @BeforeAll
    static void setUp() throws IOException {
        gpt2 = Tokenizer.load(SamplePrompts.GPT2_TOKENIZER);
        generator = new GreaterThanPromptGenerator(gpt2);
    }

    @AfterAll
    static void tearDown() {
        gpt2.close();
    }

    @Test
    void gpt2HasTwoDigitTokensAndSplitsYears() {
        Set<Integer> ids = new HashSet<>();
        for (String two : GreaterThanPromptGenerator.twoDigitTokens()) {
            int[] encoded = gpt2.encode(two);
            assertEquals(1, encoded.length, two);
            ids.add(encoded[0]);
        }
        assertEquals(100, ids.size());
        assertArrayEquals(new int[] {1558, 2624}, gpt2.encode("1732"), "\"17\" + \"32\"");
        assertArrayEquals(new int[] {gpt2.tokenId("17").getAsInt(), gpt2.tokenId("32").getAsInt()}, gpt2.encode("1732"));
        assertArrayEquals(new int[] {1596, 2624}, gpt2.encode(" 1732"), "\" 17\" + \"32\"");
        assertArrayEquals(new int[] {1596, 486}, gpt2.encode(" 1701"), "the corrupted year");
    }

    /** Counts and ends from a Python run of ACDC's filter over the same vocab.json/merges.txt. */
    @Test
    void yearsFollowAcdcsRule() {
        List<String> years = generator.years();
        assertEquals(604, years.size());
        assertEquals("1112", years.get(0), "1110 is 11xx's first valid year and is dropped; 1111 does not split");
        assertEquals("1797", years.get(years.size() - 1), "1798 is the last and is dropped");
        assertTrue(!years.contains("1111") && !years.contains("1202") && years.contains("1203"));
        for (String y : years) {
            int[] ids = gpt2.encode(" " + y);
            assertEquals(2, ids.length, y);
            int yy = Integer.parseInt(y.substring(2));
            assertTrue(yy >= 2 && yy <= 98, y);
        }
        assertEquals(120, generator.nouns().size(), "all of ACDC's nouns are single tokens");
    }

    @Test
    void sameSeedSamePromptsOtherSeedOtherPrompts() {
        assertEquals(generator.generate(40, 1), generator.generate(40, 1));
        assertNotEquals(generator.generate(40, 1), generator.generate(40, 2));
    }

    @Test
    void pairsDifferOnlyInTheYearSuffixAndSplitTheDigitsAtIt() {
        int id01 = gpt2.tokenId("01").getAsInt();
        for (GreaterThanPromptGenerator.Template template : GreaterThanPromptGenerator.Template.values()) {
            for (PromptPair pair : generator.generate(200, 9, template)) {
                assertEquals(MetricKind.PROB_DIFF, pair.metric());
                int[] clean = gpt2.encode(pair.clean());
                int[] corrupted = gpt2.encode(pair.corrupted());
                assertEquals(template == GreaterThanPromptGenerator.Template.ACDC ? 10 : 12, clean.length, pair.clean());
                assertEquals(clean.length, corrupted.length);
                for (int i = 0; i < clean.length; i++) {
                    assertEquals(i == 7 ? id01 : clean[i], corrupted[i], pair + " position " + i);
                }
                assertEquals(clean[6], clean[clean.length - 1], "ends with the century token");

                int yy = Integer.parseInt(gpt2.token(clean[7]));
                List<String> all = new ArrayList<>(pair.distractors());
                all.addAll(pair.answers());
                assertEquals(GreaterThanPromptGenerator.twoDigitTokens(), all);
                assertEquals(String.format("%02d", yy), pair.distractors().get(pair.distractors().size() - 1));
                assertEquals(99 - yy, pair.answers().size());
            }
        }
        assertEquals("The war lasted from the year 1732 to 17",
                GreaterThanPromptGenerator.Template.ACDC.fill("war", "17", "32"));
        assertEquals("The war lasted from the year 1701 to the year 17",
                GreaterThanPromptGenerator.Template.HANNA.fill("war", "17", "01"));
    }

    @Test
    void shippedFileIsWhatTheGeneratorWritesAndEveryLineIsValid() throws IOException {
        Path file = SamplePrompts.SAMPLE_DIR.resolve(SamplePrompts.GREATER_THAN);
        List<PromptPair> expected = generator.generate(GreaterThanPromptGenerator.DEFAULT_COUNT,
                GreaterThanPromptGenerator.DEFAULT_SEED);
        assertEquals(PromptJsonl.toJsonl(expected), Files.readString(file),
                "regenerate with org.eapexplorer.tasks.SamplePrompts");

        List<String> lines = Files.readAllLines(file);
        assertEquals(100, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String where = "greater-than.jsonl:" + (i + 1);
            JsonObject o = JsonParser.parseString(lines.get(i)).getAsJsonObject();
            assertEquals(Set.of("clean", "corrupted", "answers", "distractors", "metric"), o.keySet(), where);
            assertEquals("prob_diff", o.get("metric").getAsString(), where);
            assertEquals(gpt2.encode(o.get("clean").getAsString()).length,
                    gpt2.encode(o.get("corrupted").getAsString()).length, where);
            Set<Integer> seen = new HashSet<>();
            for (String key : List.of("answers", "distractors")) {
                JsonArray tokens = o.getAsJsonArray(key);
                assertTrue(tokens.size() > 0, where);
                for (JsonElement t : tokens) {
                    int[] ids = gpt2.encode(t.getAsString());
                    assertEquals(1, ids.length, where + " " + t);
                    assertTrue(seen.add(ids[0]), where + " repeats " + t);
                }
            }
        }
        assertEquals(100, PromptPairFile.read(file).size(), "the project's reader accepts it");
    }
}
