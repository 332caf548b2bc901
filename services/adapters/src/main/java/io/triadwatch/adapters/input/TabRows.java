package io.triadwatch.adapters.input;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Tab-separated records, one per line, no quoting (GDELT and ICEWS quote nothing: a quote character
 * is data). Line ends are LF or CRLF.
 */
public final class TabRows implements RowReader {
    private final BufferedReader reader;
    private long line;

    /** @param reader the text; closed by {@link #close()} */
    public TabRows(Reader reader) {
        this.reader = reader instanceof BufferedReader buffered ? buffered : new BufferedReader(reader);
    }

    @Override
    public Row next() throws IOException {
        String text = reader.readLine();
        if (text == null) {
            return null;
        }
        line++;
        return new Row(line, split(text));
    }

    /** @return the fields of one line, split on every tab, keeping empty fields, including trailing ones */
    public static List<String> split(String text) {
        List<String> fields = new ArrayList<>(64);
        int start = 0;
        for (int tab = text.indexOf('\t'); tab >= 0; tab = text.indexOf('\t', start)) {
            fields.add(text.substring(start, tab));
            start = tab + 1;
        }
        fields.add(text.substring(start));
        return fields;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
