package org.eapexplorer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eapexplorer.engine.LanguageModel;
import org.eapexplorer.family.ModelFamilies;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A UTF-8 byte-order mark in front of a file the program reads. RFC 8259 lets a parser ignore it, and it changes no
 * value, so it is ignored wherever it starts a JSON file, config.json and tokenizer.json included (transformers' json.load
 * would refuse it; this program reads the same values). Where nothing follows it, or it stands anywhere else, the message
 * says so in words: it used to be "the text is empty", or an invisible character quoted.
 */
class ByteOrderMarkTest {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path dir;

    private static void withBom(Path file) throws IOException {
        byte[] body = Files.readAllBytes(file);
        byte[] bytes = new byte[BOM.length + body.length];
        System.arraycopy(BOM, 0, bytes, 0, BOM.length);
        System.arraycopy(body, 0, bytes, BOM.length, body.length);
        Files.write(file, bytes);
    }

    private Path copyOf(String fixture) throws IOException {
        Path model = dir.resolve(fixture);
        Files.createDirectories(model);
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/fixtures", fixture))) {
            for (Path f : files.toList()) {
                Files.copy(f, model.resolve(f.getFileName()));
            }
        }
        return model;
    }

    @Test
    void aFileThatIsOnlyAByteOrderMarkIsCalledThatNotEmpty() throws IOException {
        Path config = dir.resolve("config.json");
        Files.write(config, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '\n'});
        IOException e = assertThrows(IOException.class, () -> ModelFamilies.readConfig(config));
        assertTrue(e.getMessage().startsWith(config + ": ") && e.getMessage().contains("starts with a UTF-8 byte-order mark")
                && !e.getMessage().contains("the text is empty"), e.getMessage());
    }

    @Test
    void aByteOrderMarkElsewhereIsNamedNotQuotedInvisibly() throws IOException {
        Path config = dir.resolve("config.json");
        Files.write(config, ("\uFEFF\uFEFF{}").getBytes(StandardCharsets.UTF_8));
        IOException e = assertThrows(IOException.class, () -> JsonFiles.read(config));
        assertTrue(e.getMessage().contains("byte-order mark (U+FEFF)"), e.getMessage());
    }

    @Test
    void aConfigAndTokenizerStartingWithAByteOrderMarkReadAsWithoutIt() throws Exception {
        Path model = copyOf("tiny-llama");
        Path plain = copyOf("tiny-f32");
        withBom(model.resolve("config.json"));
        withBom(model.resolve("tokenizer.json"));
        try (LanguageModel m = LanguageModel.load(model, ComputeDevice.CPU); Tokenizer t = Tokenizer.loadFor(model, m.config())) {
            assertEquals(ModelFamilies.readConfig(Path.of("src/test/resources/fixtures/tiny-llama/config.json")), m.config());
            try (Tokenizer original = Tokenizer.load(Path.of("src/test/resources/fixtures/tiny-llama"))) {
                assertEquals(original.bosToken(), t.bosToken());
                assertEquals(java.util.Arrays.toString(original.encode("When mary and john went to the")),
                        java.util.Arrays.toString(t.encode("When mary and john went to the")));
            }
        }
        assertTrue(Files.exists(plain.resolve("config.json")));
    }

    @Test
    void gpt2MergesStartingWithAByteOrderMarkReadAsWithoutIt() throws Exception {
        Path model = dir.resolve("gpt2-files");
        Files.createDirectories(model);
        Path vocab = Files.writeString(model.resolve("vocab.json"), "{\"a\": 0, \"b\": 1, \"ab\": 2}");
        Path merges = Files.writeString(model.resolve("merges.txt"), "#version: 0.2\na b\n");
        int[] expected;
        try (Tokenizer t = Tokenizer.load(model)) {
            expected = t.encode("ab");
        }
        withBom(merges);
        withBom(vocab);
        try (Tokenizer t = Tokenizer.load(model)) {
            assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(t.encode("ab")));
        }
    }
}
