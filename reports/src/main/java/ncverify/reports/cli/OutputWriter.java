package ncverify.reports.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * A {@link PrintWriter} that keeps the first write failure of the stream below it. PrintWriter swallows
 * I/O errors and only reports that one happened ({@link #checkError()}); this one also keeps the
 * {@link IOException}, so that {@code ncv claims > /dev/full} ends with the operating system's reason
 * ("No space left on device") and exit code 2 instead of exit 0 with nothing written.
 */
final class OutputWriter extends PrintWriter {

  private final Recording recording;

  private OutputWriter(Recording recording) {
    super(recording, true);
    this.recording = recording;
  }

  /** A writer on {@code out} (UTF-8) that records its first failure. */
  static OutputWriter on(OutputStream out) {
    return new OutputWriter(new Recording(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
  }

  /** The first write failure, or null. */
  IOException failure() {
    return recording.failure;
  }

  private static final class Recording extends FilterWriter {
    private volatile IOException failure;

    Recording(Writer out) {
      super(out);
    }

    private IOException record(IOException e) {
      if (failure == null) {
        failure = e;
      }
      return e;
    }

    @Override
    public void write(int c) throws IOException {
      try {
        super.write(c);
      } catch (IOException e) {
        throw record(e);
      }
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
      try {
        super.write(cbuf, off, len);
      } catch (IOException e) {
        throw record(e);
      }
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
      try {
        super.write(str, off, len);
      } catch (IOException e) {
        throw record(e);
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        super.flush();
      } catch (IOException e) {
        throw record(e);
      }
    }
  }
}
