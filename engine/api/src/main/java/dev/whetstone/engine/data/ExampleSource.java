package dev.whetstone.engine.data;

import java.io.Closeable;
import java.io.IOException;

/** Examples pulled one at a time from an open file; bad rows go to the reader's problems, not here. */
interface ExampleSource extends Closeable {

    /** The next good example, or null at the end of the file. */
    Example next() throws IOException;
}
