package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.fx;
import static org.eapexplorer.ui.WindowFixture.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import org.eapexplorer.download.FakeDjlServer;
import org.junit.jupiter.api.Test;

/** File → Enable GPU… against a fake publish.djl.ai: asks first, runs as a job with Cancel, then says to restart. */
class EnableGpuTest extends WindowTest {

    private static final String LIBTORCH = "cu128/linux-x86_64/native/lib/libtorch.so.gz";

    private MenuItem enableGpuItem() throws Exception {
        return fx(() -> {
            MenuBar bar = (MenuBar) app.scene.getRoot().lookup(".menu-bar");
            for (Menu m : bar.getMenus()) {
                for (MenuItem i : m.getItems()) {
                    if ("enableGpuItem".equals(i.getId())) {
                        return i;
                    }
                }
            }
            return null;
        });
    }

    /** Fires the menu item and waits until its job has finished; the status line then. */
    private String fireAndWait(MenuItem item) throws Exception {
        fxRun(item::fire);
        for (int i = 0; i < 600 && fx(() -> app.state().isBusy()); i++) {
            Thread.sleep(50);
        }
        assertFalse(fx(() -> app.state().isBusy()), "the job finished");
        return fx(() -> app.state().statusProperty().get());
    }

    @Test
    void fetchesIntoTheCacheAfterAskingAndSaysToRestart() throws Exception {
        Path cache = Files.createTempDirectory(tempDir, "djl");
        try (FakeDjlServer server = new FakeDjlServer()) {
            fxRun(() -> app.models().download().useGpuSource(server.base(), cache));
            MenuItem item = enableGpuItem();
            assertNotNull(item, "File → Enable GPU… is in the menu bar");
            assertEquals("File", fx(() -> item.getParentMenu().getText()));

            app.questions.confirmAnswer = false;
            fxRun(item::fire);
            assertTrue(app.questions.asked.get(app.questions.asked.size() - 1).startsWith("Enable GPU: Download DJL's CUDA 12.8 build"),
                    app.questions.asked.toString());
            assertTrue(server.gets.isEmpty(), "nothing fetched when the user says no");

            app.questions.confirmAnswer = true;
            String status = fireAndWait(item);
            assertTrue(app.errors.isEmpty(), app.errors.toString());
            Path lib = cache.resolve("2.7.1-cu128-linux-x86_64");
            assertTrue(Files.isRegularFile(lib.resolve("libtorch_cuda.so")));
            assertEquals("GPU libtorch 2.7.1 cu128 is in " + lib.toAbsolutePath() + ": restart EAP Explorer to use it "
                    + "(libtorch loads once per run).", status);
        }
    }

    @Test
    void theWindowsCancelKeepsWhatWasFetchedAndTheNextTryResumes() throws Exception {
        Path cache = Files.createTempDirectory(tempDir, "djl");
        try (FakeDjlServer server = new FakeDjlServer()) {
            fxRun(() -> app.models().download().useGpuSource(server.base(), cache));
            server.whenServed(LIBTORCH, 100_000, () -> Platform.runLater(() -> app.models().run().cancel()));
            String status = fireAndWait(enableGpuItem());
            assertEquals("GPU set-up cancelled; what was fetched is kept, and the next try resumes.", status);
            assertTrue(app.errors.isEmpty(), app.errors.toString());
            Path part = cache.resolve("2.7.1-cu128-linux-x86_64.download").resolve("libtorch.so.gz.part");
            assertTrue(Files.size(part) > 0, "partial file kept");
            long kept = Files.size(part);

            status = fireAndWait(enableGpuItem());
            assertTrue(status.contains("restart EAP Explorer"), status);
            assertEquals(List.of(LIBTORCH + " bytes=" + kept + "-"), server.ranges);
        }
    }

    @Test
    void offlineReachesTheErrorReporterInOneLine() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Path cache = Files.createTempDirectory(tempDir, "djl");
        fxRun(() -> app.models().download().useGpuSource(URI.create("http://127.0.0.1:" + closedPort), cache));
        String status = fireAndWait(enableGpuItem());
        assertEquals(1, app.errors.size(), app.errors.toString());
        assertTrue(app.errors.get(0).startsWith("GPU set-up failed: cannot reach http://127.0.0.1:" + closedPort), app.errors.get(0));
        assertTrue(app.errors.get(0).endsWith("pass --libtorch DIR instead."), app.errors.get(0));
        assertTrue(status.startsWith("GPU set-up failed: cannot reach"), status);
    }
}
