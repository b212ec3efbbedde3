package org.hirmtl.data;

import java.io.IOException;
import java.nio.file.Path;
import org.hirmtl.api.data.DenseMap;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.data.io.DataFormatException;

/** Decodes one target file into the conventions of {@link TargetKind}. */
@FunctionalInterface
public interface TargetDecoder {
    /**
     * @param file the target file
     * @return the decoded target
     * @throws DataFormatException if the file cannot be decoded or has the wrong number of channels
     */
    DenseMap decode(Path file) throws IOException;
}
