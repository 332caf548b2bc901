package io.triadwatch.launcher.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files under {@code deploy/}: where they are, and their YAML documents or JSON. Fails with
 * the file name and position when a file is not well-formed.
 */
public final class DeployFiles {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeployFiles() {
    }

    /**
     * @return the repository's {@code deploy/} directory: under the {@code triadwatch.project.dir}
     *         system property that the build sets, else the first ancestor of the working directory
     *         that has one
     */
    public static Path root() {
        String project = System.getProperty("triadwatch.project.dir");
        if (project != null && Files.isDirectory(Path.of(project, "deploy"))) {
            return Path.of(project, "deploy").toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy")) && Files.isDirectory(dir.resolve("services"))) {
                return dir.resolve("deploy");
            }
        }
        throw new IllegalStateException("no deploy/ directory above " + Path.of("").toAbsolutePath());
    }

    /** @return {@code deploy/<relative>} */
    public static Path file(String relative) {
        return root().resolve(relative);
    }

    /** @return every YAML document of a file (a file may hold several, separated by {@code ---}), empty ones left out */
    public static List<JsonNode> yamlDocuments(Path file) {
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            List<JsonNode> out = new ArrayList<>();
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    out.add(doc);
                }
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError(root().relativize(file) + " is not well-formed YAML: " + e.getMessage(), e);
        }
    }

    /** @return the only YAML document of a file */
    public static JsonNode yaml(Path file) {
        List<JsonNode> docs = yamlDocuments(file);
        if (docs.size() != 1) {
            throw new AssertionError(root().relativize(file) + " should hold one YAML document, holds " + docs.size());
        }
        return docs.get(0);
    }

    /** @return a JSON file's tree */
    public static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new AssertionError(root().relativize(file) + " is not well-formed JSON: " + e.getMessage(), e);
        }
    }

    /** @return every file under {@code deploy/} whose name ends with one of {@code suffixes} */
    public static List<Path> all(String... suffixes) {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> Stream.of(suffixes).anyMatch(s -> f.getFileName().toString().endsWith(s)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root(), e);
        }
    }

    /** @return the YAML documents of {@code kind} in the Kubernetes manifests of {@code deploy/k8s} (subdirectories included) */
    public static List<JsonNode> kubernetes(String kind) {
        return all(".yaml", ".yml").stream().filter(f -> f.startsWith(root().resolve("k8s")))
                .flatMap(f -> yamlDocuments(f).stream())
                .filter(doc -> kind.equals(doc.path("kind").asText()))
                .toList();
    }

    /** @return every {@code expr} of the Grafana dashboard (panels, nested panels, targets) */
    public static List<String> dashboardExpressions() {
        List<String> exprs = new ArrayList<>();
        collectExpr(json(file("grafana/triadwatch-dashboard.json")).path("panels"), exprs);
        return exprs;
    }

    private static void collectExpr(JsonNode node, List<String> exprs) {
        if (node.isObject()) {
            JsonNode expr = node.get("expr");
            if (expr != null && expr.isTextual()) {
                exprs.add(expr.asText());
            }
            node.elements().forEachRemaining(child -> collectExpr(child, exprs));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectExpr(child, exprs));
        }
    }

    /** @return every alerting and recording rule {@code expr} of the Prometheus rule file */
    public static List<String> ruleExpressions() {
        List<String> exprs = new ArrayList<>();
        yaml(file("prometheus/triadwatch-rules.yml")).path("groups")
                .forEach(group -> group.path("rules").forEach(rule -> exprs.add(rule.path("expr").asText())));
        return exprs;
    }
}
