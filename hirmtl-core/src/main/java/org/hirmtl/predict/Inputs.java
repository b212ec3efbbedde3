package org.hirmtl.predict;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Expands command-line inputs into the files to predict: a file stands for itself, a folder for every regular,
 * non-hidden file below it (recursively, sorted), and an argument with {@code * ? [ {} that names no existing file is a
 * glob (e.g. {@code photos/**}{@code /*.jpg}) matched against paths relative to its longest wildcard-free prefix. Each
 * file gets an output name: its path relative to the folder or glob base it came from, without the extension (a
 * plain file: its file name without extension); clashing names get the extension appended.
 */
public final class Inputs {
    private Inputs() {
    }

    /** One file to predict. @param file the file @param name its output name (may contain '/') */
    public record Input(Path file, String name) {
    }

    /**
     * Expands the arguments.
     *
     * @param args files, folders or globs
     * @param cwd the folder relative arguments are resolved against
     * @throws NoSuchFileException if an argument is neither an existing path nor a glob that matches a file
     */
    public static List<Input> collect(List<String> args, Path cwd) throws IOException {
        Map<Path, String> found = new LinkedHashMap<>();
        for (String arg : args) {
            Path p = cwd.resolve(arg);
            if (Files.isRegularFile(p)) {
                found.putIfAbsent(p.normalize(), stem(p.getFileName().toString()));
            } else if (Files.isDirectory(p)) {
                for (Path f : walk(p)) {
                    found.putIfAbsent(f.normalize(), stem(p.relativize(f).toString()));
                }
            } else if (isGlob(arg)) {
                int before = found.size();
                Path base = cwd.resolve(globBase(arg));
                String pattern = arg.substring(globBase(arg).length()).replaceFirst("^/+", "");
                PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
                if (Files.isDirectory(base)) {
                    for (Path f : walk(base)) {
                        if (m.matches(base.relativize(f))) {
                            found.putIfAbsent(f.normalize(), stem(base.relativize(f).toString()));
                        }
                    }
                }
                if (found.size() == before) {
                    throw new NoSuchFileException(arg, null, "no file matches this pattern");
                }
            } else {
                throw new NoSuchFileException(arg, null, "no such file or folder");
            }
        }
        return unique(found);
    }

    private static List<Input> unique(Map<Path, String> found) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        found.values().forEach(n -> counts.merge(n, 1, Integer::sum));
        List<Input> out = new ArrayList<>();
        Map<String, Integer> used = new LinkedHashMap<>();
        for (Map.Entry<Path, String> e : found.entrySet()) {
            String name = e.getValue();
            if (counts.get(name) > 1) {
                String file = e.getKey().getFileName().toString();
                int dot = file.lastIndexOf('.');
                name = dot > 0 ? name + "_" + file.substring(dot + 1) : name;
            }
            int k = used.merge(name, 1, Integer::sum);
            out.add(new Input(e.getKey(), k == 1 ? name : name + "_" + k));
        }
        return out;
    }

    private static List<Path> walk(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(f -> !hidden(dir.relativize(f)))
                    .sorted()
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    static boolean isGlob(String arg) {
        return arg.matches(".*[*?\\[{].*");
    }

    /** The part of a glob before the first path element with a wildcard ("" when the first has one). */
    static String globBase(String glob) {
        int wild = 0;
        while (wild < glob.length() && "*?[{".indexOf(glob.charAt(wild)) < 0) {
            wild++;
        }
        int slash = glob.lastIndexOf('/', wild);
        return slash < 0 ? "" : glob.substring(0, slash + 1);
    }

    /** Removes the extension of the last path element and normalises separators to '/'. */
    static String stem(String relative) {
        String r = relative.replace('\\', '/');
        int slash = r.lastIndexOf('/');
        int dot = r.lastIndexOf('.');
        return dot > slash + 1 ? r.substring(0, dot) : r;
    }

    /** Whether a file name has an image extension we decode (JPEG, PNG). */
    public static boolean hasImageExtension(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
    }
}
