package org.eapexplorer.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.tokenizer.Tokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IoiPromptGeneratorTest {

    static Tokenizer gpt2;
    static IoiPromptGenerator generator;

    @BeforeAll
    static void setUp() throws IOException {
        gpt2 = Tokenizer.load(SamplePrompts.GPT2_TOKENIZER);
        generator = new IoiPromptGenerator(gpt2);
    }

    @AfterAll
    static void tearDown() {
        gpt2.close();
    }

    @Test
    void acdcListsAreUsedWhole() {
        assertEquals(99, generator.names().size(), "every ACDC name is one GPT-2 token after a space");
        assertEquals(30, generator.templates().size(), "15 BABA + 15 ABBA templates");
    }

    @Test
    void sameSeedSamePromptsOtherSeedOtherPrompts() {
        assertEquals(generator.generate(50, 7), generator.generate(50, 7));
        assertEquals(generator.generate(50, 7).subList(0, 20), generator.generate(20, 7));
        assertNotEquals(generator.generate(50, 7), generator.generate(50, 8));
    }

    /** Clean vs ABC corruption, token by token: exactly the three name slots differ. */
    @Test
    void corruptionReplacesExactlyTheThreeNameSlots() {
        Set<Integer> nameIds = new HashSet<>();
        for (String name : generator.names()) {
            nameIds.add(gpt2.tokenId(" " + name).getAsInt());
        }
        for (PromptPair pair : generator.generate(300, 3)) {
            assertEquals(MetricKind.LOGIT_DIFF, pair.metric());
            int io = gpt2.tokenId(pair.answers().get(0)).getAsInt();
            int s = gpt2.tokenId(pair.distractors().get(0)).getAsInt();
            assertNotEquals(io, s);
            int[] clean = gpt2.encode(pair.clean());
            int[] corrupted = gpt2.encode(pair.corrupted());
            assertEquals(clean.length, corrupted.length, pair.toString());
            assertTrue(pair.clean().endsWith(" to"), pair.clean());

            List<Integer> cleanNames = new ArrayList<>();
            List<Integer> corruptNames = new ArrayList<>();
            for (int i = 0; i < clean.length; i++) {
                if (clean[i] != corrupted[i]) {
                    cleanNames.add(clean[i]);
                    corruptNames.add(corrupted[i]);
                } else {
                    assertTrue(!nameIds.contains(clean[i]), "unreplaced name in " + pair);
                }
            }
            assertEquals(List.of(io, s, s), sortedBySlot(cleanNames, io), pair.toString());
            assertEquals(3, new HashSet<>(corruptNames).size(), "three distinct names: " + pair);
            for (int c : corruptNames) {
                assertTrue(nameIds.contains(c) && c != io && c != s, pair.toString());
            }
        }
    }

    /** BABA templates name S first, ABBA ones IO first; either way the slots hold IO once and S twice. */
    private static List<Integer> sortedBySlot(List<Integer> names, int io) {
        List<Integer> out = new ArrayList<>(names);
        out.sort((a, b) -> Boolean.compare(a != io, b != io));
        return out;
    }

    @Test
    void templatesAreFilledAsInAcdc() {
        assertEquals("Then, Mary and John went to the store. John gave a drink to",
                IoiPromptGenerator.fill("Then, [A] and [B] went to the [PLACE]. [B] gave a [OBJECT] to [A]",
                        "Mary", "John", "John", "store", "drink"));
        assertEquals("When Ann and Bob got a ring at the park, Cid decided to give the ring to",
                IoiPromptGenerator.fill("When [A] and [B] got a [OBJECT] at the [PLACE], [B] decided to give the [OBJECT] to [A]",
                        "Ann", "Bob", "Cid", "park", "ring"));
        assertThrows(IllegalArgumentException.class, () -> new IoiPromptGenerator.WordLists(
                List.of("A", "B", "C", "D", "E"), List.of("[B] and [A] met. [B] said hi"), List.of("x"), List.of("y")));
    }

    @Test
    void shippedIoiFileIsWhatTheGeneratorWrites() throws IOException {
        Path file = SamplePrompts.SAMPLE_DIR.resolve(SamplePrompts.IOI);
        List<PromptPair> expected = generator.generate(IoiPromptGenerator.DEFAULT_COUNT, IoiPromptGenerator.DEFAULT_SEED);
        assertEquals(PromptJsonl.toJsonl(expected), Files.readString(file),
                "regenerate with org.eapexplorer.tasks.SamplePrompts");
        assertEquals(100, expected.size());
    }

    @Test
    void shippedAcdcFileIsTheConvertedReference() throws IOException {
        Path file = SamplePrompts.SAMPLE_DIR.resolve(SamplePrompts.IOI_ACDC);
        List<PromptPair> reference = IoiPromptGenerator.acdcReference(gpt2);
        assertEquals(200, reference.size());
        assertEquals(PromptPair.logitDiff("Then, Mary and Jeffrey went to the restaurant. Jeffrey gave a bone to",
                "Then, Melissa and Nicole went to the restaurant. Anthony gave a bone to", " Mary", " Jeffrey"), reference.get(0));
        assertEquals(PromptJsonl.toJsonl(reference), Files.readString(file));
    }

    @Test
    void everyShippedLineIsValid() throws IOException {
        for (String name : List.of(SamplePrompts.IOI, SamplePrompts.IOI_ACDC)) {
            Path file = SamplePrompts.SAMPLE_DIR.resolve(name);
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String where = name + ":" + (i + 1);
                JsonObject o = JsonParser.parseString(lines.get(i)).getAsJsonObject();
                assertEquals(Set.of("clean", "corrupted", "answer", "distractor"), o.keySet(), where);
                int[] clean = gpt2.encode(o.get("clean").getAsString());
                int[] corrupted = gpt2.encode(o.get("corrupted").getAsString());
                assertEquals(clean.length, corrupted.length, where);
                for (String key : List.of("answer", "distractor")) {
                    String token = o.get(key).getAsString();
                    assertEquals(1, gpt2.encode(token).length, where + " " + key);
                    assertArrayEquals(new int[] {gpt2.tokenId(token).getAsInt()}, gpt2.encode(token), where);
                }
                assertNotEquals(o.get("answer"), o.get("distractor"), where);
            }
            PromptSet set = PromptPairFile.read(file);
            assertEquals(lines.size(), set.size(), "the project's reader accepts " + name);
        }
    }
}
