package org.eapexplorer.ui;

import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;

/**
 * What every window test starts from: the real window ({@link WindowFixture}) on TestFX's stage before each test,
 * its workers closed after it, files in a temporary directory shared by the class. A base class rather than
 * TestFX's ApplicationExtension, which only finds {@code @Start} methods declared in the test class itself.
 */
abstract class WindowTest extends ApplicationTest {

    @TempDir
    static Path tempDir;

    WindowFixture app;

    @Override
    public void start(Stage stage) {
        app = new WindowFixture(stage, tempDir);
    }

    @AfterEach
    void closeWindow() throws Exception {
        WindowFixture.fxRun(app.context::close);
    }
}
