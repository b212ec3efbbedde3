package org.hirmtl.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files, folders and globs expand to sorted inputs with unique output names. */
class InputsTest {
    @TempDir
    Path tmp;

    private void touch(String... names) throws Exception {
        for (String n : names) {
            Path p = tmp.resolve(n);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "x");
        }
    }

    private static List<String> names(List<Inputs.Input> in) {
        return in.stream().map(Inputs.Input::name).toList();
    }

    @Test
    void foldersRecurseSortedAndSkipHiddenFiles() throws Exception {
        touch("d/b.jpg", "d/a.png", "d/sub/c.jpeg", "d/.hidden.jpg", "d/.git/x.png", "d/notes.txt");
        assertEquals(List.of("a", "b", "notes", "sub/c"), names(Inputs.collect(List.of("d"), tmp)));
    }

    @Test
    void filesKeepTheirStemAndClashesGetTheExtension() throws Exception {
        touch("x/a.jpg", "x/a.png", "y/a.jpg");
        List<Inputs.Input> in = Inputs.collect(List.of("x/a.jpg", "x/a.png", "y/a.jpg", "x/a.jpg"), tmp);
        assertEquals(List.of("a_jpg", "a_png", "a_jpg_2"), names(in));
    }

    @Test
    void globsMatchRelativeToTheirBase() throws Exception {
        touch("p/1.jpg", "p/2.png", "p/q/3.jpg");
        assertEquals(List.of("1", "q/3"), names(Inputs.collect(List.of("p/**.jpg"), tmp)));
        assertEquals(List.of("1"), names(Inputs.collect(List.of("p/*.jpg"), tmp)));
        assertEquals("2", names(Inputs.collect(List.of("p/?.png"), tmp)).get(0));
    }

    @Test
    void missingPathsAndEmptyGlobsAreErrors() throws Exception {
        touch("p/1.jpg");
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> Inputs.collect(List.of("nothere.jpg"), tmp));
        assertEquals("nothere.jpg", e.getFile());
        assertThrows(NoSuchFileException.class, () -> Inputs.collect(List.of("p/*.gif"), tmp));
    }

    @Test
    void stemsAndGlobBases() {
        assertEquals("a/b", Inputs.stem("a/b.jpg"));
        assertEquals("a.d/b", Inputs.stem("a.d/b"));
        assertEquals("p/", Inputs.globBase("p/*.jpg"));
        assertEquals("", Inputs.globBase("*.jpg"));
        assertEquals("a/b/", Inputs.globBase("a/b/c*/d.png"));
    }
}
