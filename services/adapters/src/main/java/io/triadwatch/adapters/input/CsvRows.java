package io.triadwatch.adapters.input;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 comma-separated records read with Jackson's streaming CSV parser: quoted fields may hold
 * commas, quotes ({@code ""}) and line breaks; record ends may be LF or CRLF. Each record's line is
 * the physical line of its first field, so a record after a multi-line field still reports the line
 * an editor shows.
 */
public final class CsvRows implements RowReader {
    private static final CsvFactory FACTORY = new CsvFactory();
    private final CsvParser parser;

    /** @param reader the text; closed by {@link #close()} */
    public CsvRows(Reader reader) throws IOException {
        this.parser = FACTORY.createParser(reader);
    }

    @Override
    public Row next() throws IOException {
        JsonToken token = parser.nextToken();
        while (token != null && token != JsonToken.START_ARRAY) {
            token = parser.nextToken();
        }
        if (token == null) {
            return null;
        }
        List<String> fields = new ArrayList<>(32);
        long line = -1;
        for (token = parser.nextToken(); token != null && token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (line < 0) {
                line = parser.currentTokenLocation().getLineNr();
            }
            fields.add(parser.getText());
        }
        if (line < 0) {
            line = parser.currentTokenLocation().getLineNr();
        }
        return new Row(line, fields);
    }

    /**
     * @return the fields of the first record of {@code line}, read as RFC 4180 CSV; empty for a blank line
     */
    public static List<String> split(String line) {
        try (CsvRows rows = new CsvRows(new java.io.StringReader(line))) {
            Row row = rows.next();
            return row == null ? List.of() : row.fields();
        } catch (IOException e) {
            // A StringReader does not fail; Jackson reports a malformed quote as an IOException: not CSV, then.
            return List.of();
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
