package io.github.cnnlstm.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pipeline is visible in the packages: each imports only packages before it in {@link #ORDER},
 * so nothing points back up, and each has a package-info.java that maps it.
 */
class PackageLayoutTest {
    static final List<String> ORDER = List.of(
            "base",
            "data",
            "layers",
            "model",
            "training",
            "evaluation",
            "persistence",
            "insights",
            "plots",
            "exercises");
    static final Path SOURCES = Path.of("src/main/java/io/github/cnnlstm");
    static final Pattern IMPORT =
            Pattern.compile("^import (?:static )?io\\.github\\.cnnlstm\\.([a-z]+)\\.", Pattern.MULTILINE);

    @Test
    void everyPackageImportsOnlyPackagesBeforeIt() throws IOException {
        List<String> backwards = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(file).getName(0).toString();
                assertTrue(ORDER.contains(pkg), file + " is in a package the layout does not list: " + pkg);
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    if (ORDER.indexOf(m.group(1)) >= ORDER.indexOf(pkg)
                            && !m.group(1).equals(pkg)) {
                        backwards.add(file.getFileName() + " (" + pkg + ") imports " + m.group(1));
                    }
                }
            }
        }
        assertEquals(List.of(), backwards);
    }

    @Test
    void everyPackageHasAMap() throws IOException {
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            List<String> packages = dirs.filter(Files::isDirectory)
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList();
            assertEquals(ORDER.stream().sorted().toList(), packages);
            for (String pkg : packages) {
                assertTrue(Files.exists(SOURCES.resolve(pkg).resolve("package-info.java")), pkg);
            }
        }
        try (Stream<Path> top = Files.list(SOURCES)) {
            assertEquals(List.of(), top.filter(Files::isRegularFile).toList(), "classes belong in a package");
        }
    }
}
