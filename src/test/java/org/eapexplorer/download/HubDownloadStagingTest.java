package org.eapexplorer.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.attribution.ProgressListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed download changes nothing: every file is fetched into a staging folder beside --out and checked there,
 * and only a run where every file arrived and checked moves them in. Hostile servers, against a good model folder.
 */
class HubDownloadStagingTest {

    private static final List<String> FILES = List.of("config.json", "model.safetensors", "tokenizer.json");

    @TempDir
    Path dir;

    private FakeHub hub;
    private Path out;

    @BeforeEach
    void goodFolder() throws Exception {
        hub = new FakeHub();
        Path model = Path.of(HubDownloadStagingTest.class.getResource("/fixtures/tiny-f32/config.json").toURI()).getParent();
        for (String f : FILES) {
            hub.served.put(f, Files.readAllBytes(model.resolve(f)));
        }
        out = dir.resolve("models").resolve("tiny");
        download(FILES);
        for (String f : FILES) {
            assertArrayEquals(hub.served.get(f), Files.readAllBytes(out.resolve(f)), f);
        }
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private List<HubDownloader.Fetched> download(List<String> files) throws IOException {
        return new HubDownloader(hub.base()).download("tiny", "main", files, out, Map.of(), ProgressListener.NONE, CancellationToken.NEVER);
    }

    /** Every file and folder under {@code root}, with its bytes: what "byte for byte as it was" compares. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                all.put(root.relativize(p).toString(), Files.isDirectory(p) ? "/" : FakeHub.hex("SHA-256", Files.readAllBytes(p)));
            }
        }
        return all;
    }

    @Test
    void aServerAnsweringAWebPageForEveryFileChangesNothing() throws Exception {
        Map<String, String> before = snapshot(out);
        hub.html = true;
        DownloadException e = assertThrows(DownloadException.class, () -> download(FILES));
        assertTrue(e.getMessage().contains(hub.authority()) && e.getMessage().contains("config.json"), e.getMessage());
        assertTrue(e.getMessage().contains("web page"), e.getMessage());
        assertEquals(before, snapshot(out), "the folder is byte for byte as it was");
    }

    @Test
    void aChangedConfigWithTheWeightsMissingLeavesTheOldFolderWhole() throws Exception {
        Map<String, String> before = snapshot(out);
        hub.served.put("config.json", new String(hub.served.get("config.json"), StandardCharsets.UTF_8)
                .replace("{", "{\n  \"rope_theta\": 1000.0,").getBytes(StandardCharsets.UTF_8));
        hub.served.remove("model.safetensors");
        DownloadException e = assertThrows(DownloadException.class, () -> download(FILES));
        assertTrue(e.getMessage().contains(hub.authority()) && e.getMessage().contains("model.safetensors")
                && e.getMessage().contains("HTTP 404"), e.getMessage());
        assertEquals(before, snapshot(out), "the folder is byte for byte as it was");
    }

    @Test
    void aBrokenFileLateInTheListLeavesTheEarlierOnesUnmoved() throws Exception {
        Map<String, String> before = snapshot(out);
        hub.served.put("config.json", "{\"n_layer\": 2, \"changed\": true}".getBytes(StandardCharsets.UTF_8));
        hub.served.put("tokenizer.json", "{ not json".getBytes(StandardCharsets.UTF_8));
        DownloadException e = assertThrows(DownloadException.class, () -> download(FILES));
        assertTrue(e.getMessage().contains("tokenizer.json") && e.getMessage().contains(hub.authority()), e.getMessage());
        assertEquals(before, snapshot(out), "config.json, fetched and checked, was not moved in alone");
    }

    @Test
    void theCdnSendingOtherBytesThanTheHubPublishedIsCaughtBySha256() throws Exception {
        Map<String, String> before = snapshot(out);
        byte[] bad = hub.served.get("model.safetensors").clone();
        bad[bad.length - 3] ^= 0x10;
        hub.served.put("config.json", "{\"changed\": 1}".getBytes(StandardCharsets.UTF_8));
        hub.cdnSends.put("model.safetensors", bad);
        Files.delete(out.resolve("model.safetensors"));
        before.remove("model.safetensors");
        DownloadException e = assertThrows(DownloadException.class, () -> download(FILES));
        assertTrue(e.getMessage().contains("model.safetensors") && e.getMessage().contains("SHA-256"), e.getMessage());
        assertEquals(before, snapshot(out));
    }

    @Test
    void eachFileSaysWhatWasChecked() throws Exception {
        hub.served.put("config.json", "{\"changed\": 2}".getBytes(StandardCharsets.UTF_8));
        List<HubDownloader.Fetched> fetched = download(FILES);
        Map<String, String> checked = new TreeMap<>();
        fetched.forEach(f -> checked.put(f.name(), f.checked()));
        assertEquals("size and SHA-256", checked.get("model.safetensors"));
        assertEquals("size and git SHA-1", checked.get("config.json"));
        assertArrayEquals(hub.served.get("config.json"), Files.readAllBytes(out.resolve("config.json")));

        hub.publishHashes = false;
        hub.cdnRefusesHead = false;   // a plain redirect, followed for the size
        hub.served.put("config.json", "{\"changed\": 3}".getBytes(StandardCharsets.UTF_8));
        checked.clear();
        download(FILES).forEach(f -> checked.put(f.name(), f.checked()));
        assertEquals("size only (no checksum published)", checked.get("config.json"));
        assertArrayEquals(hub.served.get("config.json"), Files.readAllBytes(out.resolve("config.json")));
    }

    @Test
    void nothingIsLeftBesideTheFolderAfterAGoodRun() throws Exception {
        hub.served.put("config.json", "{\"changed\": 4}".getBytes(StandardCharsets.UTF_8));
        download(FILES);
        try (Stream<Path> left = Files.list(dir.resolve("models"))) {
            assertEquals(List.of("tiny"), left.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aNewFolderAppearsWhole() throws Exception {
        out = dir.resolve("fresh");
        download(FILES);
        for (String f : FILES) {
            assertArrayEquals(hub.served.get(f), Files.readAllBytes(out.resolve(f)), f);
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(java.util.Set.of("models", "fresh"), left.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        }
    }

    @Test
    void namesThatLeaveTheFolderAreRefusedAndNothingIsWritten() throws Exception {
        Map<String, String> before = snapshot(dir);
        for (String name : List.of("../x", "/tmp/x", "a/../../x", "./config.json", "a//b", "..", "")) {
            hub.served.put(name.isEmpty() ? "empty" : name, "{}".getBytes(StandardCharsets.UTF_8));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> download(List.of(name)), name);
            assertTrue(e.getMessage().contains("\"" + name + "\""), e.getMessage());
        }
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createSymbolicLink(out.resolve("sub"), elsewhere);
        before = snapshot(dir);
        hub.served.put("sub/x.json", "{}".getBytes(StandardCharsets.UTF_8));
        IllegalArgumentException link = assertThrows(IllegalArgumentException.class, () -> download(List.of("sub/x.json")));
        assertTrue(link.getMessage().contains("link"), link.getMessage());
        assertEquals(before, snapshot(dir));
    }

    @Test
    void aFileInASubfolderOfTheRepositoryIsFetched() throws Exception {
        hub.served.put("onnx/extra.json", "{\"a\": 1}".getBytes(StandardCharsets.UTF_8));
        download(List.of("onnx/extra.json"));
        assertEquals("{\"a\": 1}", Files.readString(out.resolve("onnx/extra.json")));
        assertFalse(Files.exists(dir.resolve("models").resolve(".tiny.eap-download")));
    }

    @Test
    void aMoveStoppedPartWayIsFinishedByTheNextRunBeforeAnythingElse() throws Exception {
        byte[] config = "{\"changed\": 5}".getBytes(StandardCharsets.UTF_8);
        byte[] weights = hub.served.get("model.safetensors").clone();
        weights[weights.length - 1] ^= 0x01;
        hub.served.put("config.json", config);
        hub.served.put("model.safetensors", weights);
        // What a run killed between its two moves leaves: the journal, config.json moved in, the weights still staged.
        Path staging = out.resolveSibling(".tiny.eap-download");
        Files.createDirectories(staging.resolve("files"));
        Files.write(staging.resolve("files").resolve("model.safetensors"), weights);
        Files.write(staging.resolve("moving.txt"), List.of("config.json", "model.safetensors"));
        Files.write(out.resolve("config.json"), config);

        List<String> said = new java.util.ArrayList<>();
        new HubDownloader(hub.base()).download("tiny", "main", FILES, out, Map.of(), (d, t, m) -> said.add(m), CancellationToken.NEVER);
        assertTrue(said.get(0).startsWith("finishing the move into " + out.toAbsolutePath()), said.toString());
        assertArrayEquals(weights, Files.readAllBytes(out.resolve("model.safetensors")));
        assertArrayEquals(config, Files.readAllBytes(out.resolve("config.json")));
        assertTrue(said.stream().anyMatch(m -> m.equals("model.safetensors is already there and correct (size and SHA-256)")), said.toString());
        assertFalse(Files.exists(staging));
    }

    @Test
    void aPartialFileIsNotResumedWhenNoChecksumCouldTellAMixture() throws Exception {
        hub.publishHashes = false;
        byte[] config = "{\"n_layer\": 2, \"changed\": \"now\"}".getBytes(StandardCharsets.UTF_8);
        hub.served.put("config.json", config);
        // The start of an older version of the file, left by a run that broke off: resumed, it would make a mixture of
        // the right size that nothing published could catch.
        Path staged = out.resolveSibling(".tiny.eap-download").resolve("files");
        Files.createDirectories(staged);
        Files.writeString(staged.resolve("config.json.part"), "{\"n_layer\": 3, \"changed\"");
        download(List.of("config.json"));
        assertArrayEquals(config, Files.readAllBytes(out.resolve("config.json")));
    }
}
