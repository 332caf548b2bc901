package io.triadwatch.launcher.e2e;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The dashboard as a test reads it: the selectors the page promises, and waits for outcomes. */
final class DashboardPage {
    /** How long the page may take to show what the server already has (polls run every 5 s). */
    static final Duration SOON = Duration.ofSeconds(30);

    private final WebDriver driver;
    private final String baseUrl;

    DashboardPage(WebDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    /** Opens the overview with default filters (a fresh page, stored filters cleared). */
    DashboardPage open() {
        driver.get(baseUrl + "/");
        ((JavascriptExecutor) driver).executeScript("localStorage.clear()");
        driver.navigate().refresh(); // a new document: filters kept in memory by the last one are gone too
        return this;
    }

    /** Awaitility that ignores elements replaced while it looks (the page redraws on every poll). */
    static ConditionFactory await(Duration atMost) {
        return Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .ignoreExceptionsInstanceOf(NoSuchElementException.class);
    }

    String connectionState() {
        return driver.findElement(By.id("conn")).getAttribute("data-state");
    }

    String connectionText() {
        return driver.findElement(By.id("conn")).getText();
    }

    void awaitLive() {
        await(SOON).until(() -> "live".equals(connectionState()));
    }

    static By triad(String id) {
        return By.cssSelector("article.triad[data-triad='" + id + "']");
    }

    static By edge(String triad, String dyad) {
        return By.cssSelector("article.triad[data-triad='" + triad + "'] a.edge[data-dyad='" + dyad + "']");
    }

    static By alert(String fingerprint) {
        return By.cssSelector("#feed-list li.alert[data-fingerprint='" + fingerprint + "']");
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    WebElement one(By by) {
        return driver.findElement(by);
    }

    /** @return the edges drawn for a triad */
    List<WebElement> edges(String triad) {
        return all(By.cssSelector("article.triad[data-triad='" + triad + "'] a.edge"));
    }

    List<WebElement> feed() {
        return all(By.cssSelector("#feed-list li.alert"));
    }

    void select(String id, String value) {
        new Select(driver.findElement(By.id(id))).selectByValue(value);
    }

    String hash() {
        return (String) ((JavascriptExecutor) driver).executeScript("return location.hash");
    }

    /** Reads a value, retrying once if the element was redrawn under it. */
    static <T> T fresh(Supplier<T> read) {
        try {
            return read.get();
        } catch (StaleElementReferenceException e) {
            return read.get();
        }
    }
}
