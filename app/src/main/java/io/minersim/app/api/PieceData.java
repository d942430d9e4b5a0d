package io.minersim.app.api;

import io.minersim.rpc.types.ReaderStream;
import java.io.IOException;
import java.io.InputStream;

/** Opens the bytes behind a {@code SectorAddPieceToAny} reader parameter. */
@FunctionalInterface
public interface PieceData {
    /** The reader's bytes; the caller closes the stream. */
    InputStream open(ReaderStream reader) throws IOException;
}
