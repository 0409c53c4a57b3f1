package dev.quiver.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quiver.server.internal.QuiverServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The editor in real headless Chromium, driven like an analyst would: drag nodes from the palette,
 * wire ports, fill the form, run, look at metrics and charts, save, reload. Screenshots of the key
 * screens land in target/screenshots. Skipped where Chromium is not installed.
 */
class EditorBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    Path tmp;
    Path workspace;
    QuiverServer server;
    ChromeDriver driver;
    WebDriverWait wait;

    /** Runs before @AfterEach closes the browser: the page as it was when a check failed. */
    @RegisterExtension
    final AfterTestExecutionCallback screenshotOnFailure = context -> {
        if (context.getExecutionException().isPresent() && driver != null) {
            shot("failed-" + context.getRequiredTestMethod().getName());
            java.nio.file.Files.writeString(SHOTS.resolve("failed-" + context.getRequiredTestMethod().getName() + ".txt"),
                    String.valueOf(js("return JSON.stringify({validation: window.quiver.validation, running: window.quiver.running,"
                            + " toasts: [...document.querySelectorAll('.toast')].map(t => t.textContent)})")));
        }
    };

    @BeforeEach
    void start() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and chromedriver are not installed (apt-get install -y chromium chromium-driver)");
        TestSupport.warmUp(tmp.resolve("warm-up"));
        workspace = tmp.resolve("ws");
        TestSupport.copyIris(workspace);
        Path examples = tmp.resolve("examples");
        TestSupport.copyIris(examples.resolve("iris"));
        Files.writeString(examples.resolve("iris/iris.quiver.json"), TestSupport.irisDocument("iris.csv").toString());
        server = TestSupport.start(workspace, examples, "127.0.0.1");
        Files.createDirectories(SHOTS);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + tmp.resolve("chromium-profile"), "--window-size=1920,1080");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        // Generous: the machines this runs on are often busy with other builds.
        wait = new WebDriverWait(driver, Duration.ofSeconds(45));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private void open() {
        driver.get("http://127.0.0.1:" + server.port() + "/");
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private void shot(String name) throws IOException {
        File f = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Drags a palette entry onto the canvas, dropping it at (x, y) from the canvas' top-left corner. */
    private WebElement dragToCanvas(String type, int x, int y, String expectedId) {
        WebElement item = driver.findElement(By.cssSelector(".palette-item[data-type='" + type + "']"));
        WebElement canvas = driver.findElement(By.id("canvas"));
        int w = canvas.getSize().getWidth();
        int h = canvas.getSize().getHeight();
        new Actions(driver).clickAndHold(item).moveByOffset(15, 5).moveToElement(canvas, x - w / 2, y - h / 2)
                .moveToElement(canvas, x - w / 2 + 1, y - h / 2).release().perform();
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-node-id='" + expectedId + "']")));
    }

    private WebElement port(String node, String dir, String port) {
        return driver.findElement(By.cssSelector("[data-role='" + dir + "'][data-node='" + node + "'][data-port='" + port + "']"));
    }

    private void wire(String from, String out, String to, String in) {
        retryStale(() -> {
            WebElement target = port(to, "in", in);
            new Actions(driver).clickAndHold(port(from, "out", out)).moveByOffset(20, 10)
                    .moveToElement(target).moveToElement(target, 1, 0).release().perform();
        });
    }

    /** The canvas redraws when a validation comes back; an element found just before may be replaced. */
    private void retryStale(Runnable gesture) {
        for (int attempt = 0;; attempt++) {
            try {
                gesture.run();
                return;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 3) {
                    throw e;
                }
                new Actions(driver).release().perform();
            }
        }
    }

    private long connections() {
        return (Long) js("return window.quiver.doc.connections.length");
    }

    private void select(String node) {
        // Click the title strip: the middle of a node may be a port label.
        retryStale(() -> {
            WebElement n = driver.findElement(By.cssSelector("[data-node-id='" + node + "'] rect.body"));
            new Actions(driver).moveToElement(n, 0, -n.getSize().getHeight() / 2 + 10).click().perform();
        });
        wait.until(d -> d.findElement(By.cssSelector("[data-node-id='" + node + "']")).getAttribute("class").contains("selected"));
    }

    private String state(String node) {
        // One script call: the canvas may redraw between finding an element and reading it.
        return (String) js("const n = document.querySelector(\"[data-node-id='\" + arguments[0] + \"']\");"
                + " return n ? n.dataset.state : null;", node);
    }

    @Test
    void buildRunSaveAndReopenTheIrisWorkflow() throws IOException {
        open();
        assertTrue(driver.findElement(By.id("empty-state")).isDisplayed(), "an empty canvas explains what to do");
        shot("01-empty-editor");

        // The palette's search box filters by name.
        WebElement search = driver.findElement(By.id("palette-search"));
        search.sendKeys("scorer");
        wait.until(d -> d.findElements(By.cssSelector(".palette-item")).size() == 1);
        search.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        wait.until(d -> d.findElements(By.cssSelector(".palette-item")).size() > 5);

        dragToCanvas("quiver.io.csv-reader", 110, 80, "csv-reader-1");
        dragToCanvas("quiver.prep.partition", 330, 80, "partition-1");
        dragToCanvas("quiver.prep.normalizer", 550, 80, "normalizer-1");
        dragToCanvas("quiver.tribuo.logistic-regression", 550, 320, "logistic-regression-1");
        dragToCanvas("quiver.prep.apply-transform", 770, 170, "apply-transform-1");
        dragToCanvas("quiver.model.train", 770, 340, "train-1");
        dragToCanvas("quiver.model.predict", 990, 250, "predict-1");
        dragToCanvas("quiver.eval.scorer", 1210, 250, "scorer-1");
        assertFalse(driver.findElement(By.id("empty-state")).isDisplayed());

        wire("csv-reader-1", "table", "partition-1", "table");
        wire("partition-1", "train", "normalizer-1", "table");
        wire("partition-1", "test", "apply-transform-1", "table");
        wire("normalizer-1", "transform", "apply-transform-1", "transform");
        wire("logistic-regression-1", "learner", "train-1", "learner");
        wire("normalizer-1", "table", "train-1", "table");
        wire("train-1", "model", "predict-1", "model");
        wire("apply-transform-1", "table", "predict-1", "table");
        wire("predict-1", "table", "scorer-1", "table");
        assertEquals(9, connections());

        // A wrong wire is refused: a Learner output does not go into a Table input.
        wire("logistic-regression-1", "learner", "scorer-1", "table");
        assertEquals(9, connections());
        WebElement refusal = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".toast.error")));
        assertTrue(refusal.getText().contains("Learner") && refusal.getText().contains("Table"), refusal.getText());
        shot("02-wrong-wire-refused");

        // The reader has no file yet: its own message shows on the node and in the form.
        select("csv-reader-1");
        WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("node-message")));
        wait.until(d -> d.findElement(By.id("node-message")).getText().contains("Set File"));
        assertEquals("true", js("return String(window.quiver.nodeState('csv-reader-1').error)"));
        assertTrue(driver.findElement(By.cssSelector("[data-node-id='csv-reader-1'] .msg.error")).getText().contains("empty"));
        // ... and in the Problems panel, which selects the node when clicked.
        driver.findElement(By.cssSelector(".tab[data-tab='problems']")).click();
        WebElement problem = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#tab-problems .problem")));
        assertTrue(problem.getText().contains("csv-reader-1") && problem.getText().contains("Set File"), problem.getText());
        assertEquals("1", driver.findElement(By.id("problem-count")).getText());
        shot("03a-problems");
        driver.findElement(By.cssSelector(".tab[data-tab='output']")).click();
        WebElement path = driver.findElement(By.id("f-csv-reader-1-path"));
        path.sendKeys("iris.csv");
        wait.until(d -> "configured".equals(state("csv-reader-1")));
        wait.until(d -> d.findElement(By.id("node-message")).getText().contains("Ready to run"));
        assertTrue(message.isDisplayed());

        // A number outside its bounds is flagged as typed, with the bound.
        select("logistic-regression-1");
        WebElement epochs = wait.until(ExpectedConditions.elementToBeClickable(By.id("f-logistic-regression-1-epochs")));
        epochs.sendKeys(Keys.chord(Keys.CONTROL, "a"), "0");
        wait.until(d -> d.findElement(By.cssSelector("[data-key='epochs'] .invalid")).isDisplayed());
        assertTrue(driver.findElement(By.cssSelector("[data-key='epochs'] .invalid")).getText().contains("at least 1"));
        epochs.sendKeys(Keys.chord(Keys.CONTROL, "a"), "50", Keys.TAB);
        wait.until(d -> !d.findElement(By.cssSelector("[data-key='epochs'] .invalid")).isDisplayed());
        wait.until(d -> Long.valueOf(50).equals(js("return window.quiver.doc.nodes.find(n => n.id === 'logistic-regression-1').settings.epochs")));

        // Column pickers list the upstream columns that validation returned.
        select("partition-1");
        WebElement stratify = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("select#f-partition-1-stratifyColumn")));
        assertTrue(stratify.getText().contains("class"), stratify.getText());
        shot("03-settings-form");

        driver.findElement(By.id("btn-run")).click();
        new WebDriverWait(driver, Duration.ofSeconds(90)).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> "executed".equals(state("scorer-1")));
        for (String n : List.of("csv-reader-1", "partition-1", "normalizer-1", "apply-transform-1", "train-1", "predict-1")) {
            assertEquals("executed", state(n), n);
        }
        select("scorer-1");
        WebElement accuracy = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".metric[data-metric='accuracy'] .v")));
        assertTrue(Double.parseDouble(accuracy.getText()) >= 0.9, "accuracy " + accuracy.getText());
        shot("04-metrics");

        driver.findElement(By.cssSelector("[data-out='charts']")).click();
        wait.until(d -> d.findElements(By.cssSelector(".chart svg .mark-rect, .chart svg .mark-line, .chart svg .mark-symbol")).size() > 0);
        assertEquals(3, driver.findElements(By.cssSelector(".chart")).size());
        shot("05-charts");

        // Table preview: paged and sortable.
        select("csv-reader-1");
        WebElement range = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".pager .range")));
        assertEquals("Rows 1–50 of 150", range.getText());
        driver.findElement(By.cssSelector("th[data-column='sepal_length']")).click();
        wait.until(d -> d.findElement(By.cssSelector("th[data-column='sepal_length']")).getText().contains("▴"));
        driver.findElement(By.cssSelector("th[data-column='sepal_length']")).click();
        wait.until(d -> d.findElement(By.cssSelector("table.data tbody tr td")).getText().equals("7.9"));
        shot("06-table-preview");

        // Save under a name, then reload the page: the workflow comes back.
        driver.findElement(By.id("btn-save")).click();
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ask-input")));
        name.sendKeys(Keys.chord(Keys.CONTROL, "a"), "iris-browser");
        driver.findElement(By.id("ask-ok")).click();
        wait.until(d -> !d.findElement(By.id("doc-dirty")).isDisplayed());
        assertTrue(Files.isRegularFile(workspace.resolve("iris-browser.quiver.json")));
        assertEquals("iris-browser.quiver.json", driver.findElement(By.id("doc-name")).getText());
        wait.until(d -> Boolean.TRUE.equals(js("return window.quiver.nodeState('scorer-1').hasResult")));
        assertEquals("executed", state("scorer-1"), "saving keeps the results");

        driver.navigate().refresh();
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        wait.until(d -> d.findElements(By.cssSelector("[data-role='node']")).size() == 8);
        assertEquals(9, connections());
        assertEquals("iris-browser.quiver.json", driver.findElement(By.id("doc-name")).getText());
        wait.until(d -> "configured".equals(state("scorer-1")));

        driver.findElement(By.id("btn-open")).click();
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".wf-row[data-workflow='iris-browser.quiver.json']")));
        assertTrue(row.getText().contains("8 nodes"), row.getText());
        shot("07-open-dialog");
        driver.findElement(By.cssSelector(".dialog .actions button")).click();
    }

    @Test
    void editingShortcutsNotesAndExamples() throws IOException {
        open();
        dragToCanvas("test.source", 150, 100, "source-1");
        dragToCanvas("test.add", 420, 100, "add-1");
        wire("source-1", "table", "add-1", "table");
        assertEquals(1, connections());

        // Delete removes the node and its wire; undo brings both back; redo removes them again.
        select("add-1");
        driver.findElement(By.id("canvas")).sendKeys(Keys.DELETE);
        wait.until(d -> d.findElements(By.cssSelector("[data-node-id='add-1']")).isEmpty());
        assertEquals(0, connections());
        driver.findElement(By.id("canvas")).sendKeys(Keys.chord(Keys.CONTROL, "z"));
        wait.until(d -> !d.findElements(By.cssSelector("[data-node-id='add-1']")).isEmpty());
        assertEquals(1, connections());
        driver.findElement(By.id("canvas")).sendKeys(Keys.chord(Keys.CONTROL, Keys.SHIFT, "z"));
        wait.until(d -> d.findElements(By.cssSelector("[data-node-id='add-1']")).isEmpty());
        driver.findElement(By.id("btn-undo")).click();
        wait.until(d -> !d.findElements(By.cssSelector("[data-node-id='add-1']")).isEmpty());

        // Copy and paste: selected nodes with the wires between them.
        // Shift-drag a rectangle around both nodes to select them.
        WebElement canvas = driver.findElement(By.id("canvas"));
        int w = canvas.getSize().getWidth();
        int h = canvas.getSize().getHeight();
        new Actions(driver).keyDown(Keys.SHIFT).moveToElement(canvas, 20 - w / 2, 30 - h / 2).clickAndHold()
                .moveByOffset(300, 100).moveByOffset(300, 120).release().keyUp(Keys.SHIFT).perform();
        wait.until(d -> Long.valueOf(2).equals(js("return window.quiver.selection.nodes.size")));
        canvas.sendKeys(Keys.chord(Keys.CONTROL, "c"));
        driver.findElement(By.id("canvas")).sendKeys(Keys.chord(Keys.CONTROL, "v"));
        wait.until(d -> !d.findElements(By.cssSelector("[data-node-id='add-2']")).isEmpty());
        assertEquals(2, connections());
        assertEquals(Map.of("node", "source-2", "port", "table"),
                js("return window.quiver.doc.connections[1].from"));

        // A note on the canvas, edited in place.
        driver.findElement(By.id("btn-note")).click();
        WebElement note = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("div.note-box")));
        new Actions(driver).doubleClick(note).perform();
        WebElement area = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("div.note-box textarea")));
        area.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Adds one to x.");
        driver.findElement(By.id("palette-search")).click();
        wait.until(d -> "Adds one to x.".equals(js("return window.quiver.doc.annotations[0].text")));
        // A label under a node, and the workflow's own title, both edited in the inspector.
        select("add-1");
        driver.findElement(By.id("node-label")).sendKeys("plus one");
        wait.until(d -> d.findElement(By.cssSelector("[data-node-id='add-1'] .node-label")).getText().equals("plus one"));
        new Actions(driver).moveToElement(driver.findElement(By.id("canvas")), 300, 200).click().perform();
        WebElement title = wait.until(ExpectedConditions.elementToBeClickable(By.id("wf-title")));
        title.sendKeys("Adder", Keys.TAB);
        wait.until(d -> "Adder".equals(js("return window.quiver.doc.metadata.title")));
        shot("08-editing-and-note");

        // Open an example in one click from the Open dialog: it is copied into the workspace.
        driver.findElement(By.id("btn-open")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".wf-row[data-example='iris/iris.quiver.json'] button"))).click();
        WebElement discard = wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-ok")));
        discard.click();
        wait.until(d -> d.findElements(By.cssSelector("[data-node-id='scorer']")).size() == 1);
        assertEquals("iris/iris.quiver.json", driver.findElement(By.id("doc-name")).getText());
        assertTrue(Files.exists(workspace.resolve("iris/iris.csv")));
        wait.until(d -> "configured".equals(state("scorer")));
        shot("09-example-opened");
    }

    @Test
    void progressBarsAndCancel() throws IOException {
        open();
        dragToCanvas("test.source", 150, 120, "source-1");
        dragToCanvas("test.slow", 420, 120, "slow-1");
        wire("source-1", "table", "slow-1", "table");
        select("slow-1");
        WebElement steps = wait.until(ExpectedConditions.elementToBeClickable(By.id("f-slow-1-steps")));
        steps.sendKeys(Keys.chord(Keys.CONTROL, "a"), "3000", Keys.TAB);
        wait.until(d -> Long.valueOf(3000).equals(js("return window.quiver.doc.nodes.find(n => n.id === 'slow-1').settings.steps")));

        driver.findElement(By.id("btn-run-here")).click();
        wait.until(d -> "executing".equals(state("slow-1")));
        wait.until(d -> !d.findElements(By.cssSelector("[data-node-id='slow-1'] rect.progress")).isEmpty());
        wait.until(d -> (Boolean) js("const r = document.querySelector(\"[data-node-id='slow-1'] rect.progress\");"
                + " return r !== null && Number(r.getAttribute('width')) > 10;"));
        assertTrue(driver.findElement(By.id("btn-cancel")).isEnabled());
        assertFalse(driver.findElement(By.id("btn-run")).isEnabled(), "one run at a time");
        shot("10-running-with-progress");

        driver.findElement(By.id("btn-cancel")).click();
        wait.until(d -> d.findElement(By.id("run-status")).getText().contains("cancelled"));
        assertEquals("executed", state("source-1"));
        assertFalse("executed".equals(state("slow-1")));
        assertTrue(driver.findElement(By.id("btn-run")).isEnabled());
    }

    /** The repository's own iris example, opened from the empty canvas in one click and run. */
    @Test
    void theRepositorysIrisExampleOpensAndRuns() throws IOException {
        Path examples = Path.of("../../examples").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(examples.resolve("iris/iris.quiver.json")), "no examples/iris in this checkout");
        server.close();
        server = TestSupport.start(workspace, examples, "127.0.0.1");
        open();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#empty-examples [data-example='iris/iris.quiver.json']"))).click();
        wait.until(d -> d.findElements(By.cssSelector("[data-role='node']")).size() >= 8);
        String name = driver.findElement(By.id("doc-name")).getText();
        assertTrue(name.startsWith("iris") && name.endsWith("/iris.quiver.json"), name);
        assertTrue(Files.isRegularFile(workspace.resolve(name).resolveSibling("iris.csv")), "the data comes along");
        driver.findElement(By.id("btn-run")).click();
        new WebDriverWait(driver, Duration.ofSeconds(90)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("run-status")).getText().startsWith("Run finished in"));
        String scorer = (String) js("return window.quiver.doc.nodes.find(n => n.type === 'quiver.eval.scorer').id");
        select(scorer);
        WebElement accuracy = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".metric[data-metric='accuracy'] .v")));
        assertTrue(Double.parseDouble(accuracy.getText()) >= 0.9, "accuracy " + accuracy.getText());
        shot("11-iris-example-run");
    }

    @Test
    void createComponentFromASelectionThenOpenIt() throws IOException {
        open();
        dragToCanvas("test.source", 120, 100, "source-1");
        dragToCanvas("test.add", 380, 100, "add-1");
        dragToCanvas("test.add", 640, 100, "add-2");
        wire("source-1", "table", "add-1", "table");
        wire("add-1", "table", "add-2", "table");
        wait.until(d -> Long.valueOf(2).equals(connections()));

        // A declared workflow parameter shows in the workflow's inspector; editing it sets its target.
        js("window.quiver.doc.parameters = [{name: 'shift', label: 'Shift', targets: ['add-2.amount']}];"
                + " window.quiver.inspectorFor = null; window.quiver.select([]);");
        WebElement shift = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[data-parameter='shift']")));
        assertEquals("1", shift.getAttribute("value"), "the add node's default amount, through the form");
        shift.sendKeys(Keys.chord(Keys.CONTROL, "a"), "7", Keys.TAB);
        wait.until(d -> Long.valueOf(7).equals(js("return window.quiver.doc.nodes.find(n => n.id === 'add-2').settings.amount")));

        // Select the middle node, create a component of it and expose its amount under a label of our own.
        select("add-1");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("btn-component"))).click();
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("component-name")));
        name.sendKeys(Keys.chord(Keys.CONTROL, "a"), "plus-one");
        driver.findElement(By.cssSelector("input[data-expose='add-1.amount']")).click();
        WebElement label = driver.findElement(By.cssSelector("input[data-expose-label='add-1.amount']"));
        label.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Amount to add");
        shot("10-create-component");
        driver.findElement(By.id("component-ok")).click();

        // One component node replaces the selection, wired where the node was; the file is in components/.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-node-id='plus-one']")));
        assertTrue(driver.findElements(By.cssSelector("[data-node-id='add-1']")).isEmpty());
        assertEquals("component:plus-one", js("return window.quiver.doc.nodes.find(n => n.id === 'plus-one').type"));
        assertEquals(2L, connections());
        assertTrue(Files.isRegularFile(workspace.resolve("components/plus-one.quiver-component.json")));
        wait.until(d -> !d.findElements(By.cssSelector(".palette-item[data-type='component:plus-one']")).isEmpty());

        // Its form is the exposed setting with our label; it runs like any node.
        select("plus-one");
        wait.until(d -> d.findElement(By.id("inspector")).getText().contains("Amount to add"));
        driver.findElement(By.id("btn-run")).click();
        wait.until(d -> "executed".equals(state("add-2")));
        assertEquals("executed", state("plus-one"));
        shot("11-component-ran");

        // Undo brings the inline node back (the component file stays for other workflows).
        driver.findElement(By.id("btn-undo")).click();
        wait.until(d -> !d.findElements(By.cssSelector("[data-node-id='add-1']")).isEmpty());
        driver.findElement(By.id("btn-redo")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-node-id='plus-one']")));

        // "Open component" edits the component file like a workflow: its port nodes and the inner node.
        select("plus-one");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("btn-open-component"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-ok"))).click(); // discard the unsaved workflow
        wait.until(d -> "components/plus-one.quiver-component.json".equals(js("return window.quiver.name")));
        wait.until(d -> d.findElements(By.cssSelector("[data-role='node']")).size() == 3);
        assertFalse(driver.findElements(By.cssSelector("[data-node-id='add-1']")).isEmpty());
        shot("12-component-opened");
    }

    /**
     * A file from a machine with Spark opens with its backend shown as not installed; the analyst picks
     * the installed test cluster, sets its master, keeps one node local, saves, and runs: the file and
     * the run both follow the inspector.
     */
    @Test
    void executionBackendChosenInTheInspectorIsSavedAndRunThere() throws IOException {
        Files.writeString(workspace.resolve("remote.quiver.json"), """
                {"format": "quiver-workflow", "formatVersion": 1, "seed": 42,
                 "execution": {"backend": "spark", "options": {"master": "spark://host:7077", "spark.executor.memory": "2g"}},
                 "nodes": [{"id": "where", "type": "test.where", "version": 1, "position": {"x": 40, "y": 60}},
                           {"id": "kept-local", "type": "test.where", "version": 1, "position": {"x": 40, "y": 260}}],
                 "connections": [], "annotations": []}
                """);
        driver.get("http://127.0.0.1:" + server.port() + "/#wf=remote.quiver.json");
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        WebElement backend = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("wf-backend")));
        Select backendSelect = new Select(backend);
        assertEquals("spark (not installed)", backendSelect.getFirstSelectedOption().getText());
        assertEquals(List.of("local", "test-cluster", "spark (not installed)"),
                backendSelect.getOptions().stream().map(WebElement::getText).toList());
        assertEquals("spark://host:7077", driver.findElement(By.id("wf-option-master")).getAttribute("value"));
        shot("13-execution-unknown-backend");

        backendSelect.selectByValue("test-cluster");
        wait.until(d -> "test-cluster".equals(js("return window.quiver.doc.execution.backend")));
        WebElement master = wait.until(ExpectedConditions.elementToBeClickable(By.id("wf-option-master")));
        master.sendKeys(Keys.chord(Keys.CONTROL, "a"), "local[2]", Keys.TAB);
        wait.until(d -> "local[2]".equals(js("return window.quiver.doc.execution.options.master")));
        // A new option in the empty row: its name is kept while the value is typed.
        WebElement newOption = wait.until(ExpectedConditions.elementToBeClickable(By.id("wf-option-new")));
        newOption.sendKeys("spark.executor.cores", Keys.TAB, "2", Keys.TAB);
        wait.until(d -> "2".equals(js("return window.quiver.doc.execution.options['spark.executor.cores']")));

        select("kept-local");
        new Select(wait.until(ExpectedConditions.elementToBeClickable(By.id("node-run-on")))).selectByValue("local");
        wait.until(d -> "local".equals(js("return (window.quiver.doc.execution.nodes || {})['kept-local']")));
        // One undoable edit, like any other.
        driver.findElement(By.id("btn-undo")).click();
        wait.until(d -> js("return window.quiver.doc.execution.nodes") == null);
        driver.findElement(By.id("btn-redo")).click();
        wait.until(d -> "local".equals(js("return (window.quiver.doc.execution.nodes || {})['kept-local']")));
        shot("14-execution-run-on");

        driver.findElement(By.id("btn-save")).click();
        wait.until(d -> !d.findElement(By.id("doc-dirty")).isDisplayed());
        JsonNode saved = TestSupport.JSON.readTree(Files.readString(workspace.resolve("remote.quiver.json")));
        assertEquals(TestSupport.JSON.readTree("""
                {"backend": "test-cluster", "options": {"master": "local[2]", "spark.executor.cores": "2", "spark.executor.memory": "2g"},
                 "nodes": {"kept-local": "local"}}"""), saved.get("execution"), saved.toString());

        driver.findElement(By.id("btn-run")).click();
        wait.until(d -> "executed".equals(state("where")) && "executed".equals(state("kept-local")));
        var client = new TestSupport.Client(server);
        String session = (String) js("return window.quiver.sessionId");
        assertEquals("test-cluster", client.get("/api/sessions/" + session + "/nodes/where/outputs/0/table").at("/rows/0/0").asText());
        assertEquals("local[2]", client.get("/api/sessions/" + session + "/nodes/where/outputs/0/table").at("/rows/0/1").asText());
        assertEquals("local", client.get("/api/sessions/" + session + "/nodes/kept-local/outputs/0/table").at("/rows/0/0").asText());
    }
}
