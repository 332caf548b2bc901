package io.triadwatch.analyzer.order;

import java.nio.ByteBuffer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Writes on every record the partition of the task that sends it (header {@value #HEADER}), so that
 * the stage downstream knows which upstream task a record came from: a record from a task that said
 * it was idle makes that task hold back again ({@link EventTimeRelease}).
 *
 * @param <V> the value type, unchanged
 */
public class SourceStamp<V> implements Processor<String, V, String, V> {
    /** The header carrying the sender's partition, 4 bytes big-endian. */
    public static final String HEADER = "triadwatch.order.source";

    private ProcessorContext<String, V> context;
    private int source;

    @Override
    public void init(ProcessorContext<String, V> context) {
        this.context = context;
        this.source = context.taskId().partition();
    }

    @Override
    public void process(Record<String, V> record) {
        context.forward(stamp(record, source));
    }

    /** @return the sender's partition, for subclasses */
    protected int source() {
        return source;
    }

    /** @return the context, for subclasses */
    protected ProcessorContext<String, V> context() {
        return context;
    }

    /** @return {@code record} with its header set to {@code source} (other headers kept, on a copy) */
    public static <V> Record<String, V> stamp(Record<String, V> record, int source) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.remove(HEADER);
        headers.add(HEADER, ByteBuffer.allocate(Integer.BYTES).putInt(source).array());
        return record.withHeaders(headers);
    }

    /** @return the sender's partition, or null when the record has no readable stamp */
    public static Integer sourceOf(Headers headers) {
        Header h = headers == null ? null : headers.lastHeader(HEADER);
        if (h == null || h.value() == null || h.value().length != Integer.BYTES) {
            return null;
        }
        return ByteBuffer.wrap(h.value()).getInt();
    }
}
