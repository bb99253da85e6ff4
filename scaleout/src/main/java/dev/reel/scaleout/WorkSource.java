package dev.reel.scaleout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceEnumerator;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceReader;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * A bounded FLIP-27 source of work items (JSON strings), one split per item, handed out on request:
 * a slot gets its next item only when it has finished the last. (The legacy {@code SourceFunction}
 * would make the stream unbounded, which BATCH mode rejects.) After a failover the enumerator takes
 * the failed reader's splits back and hands them out again; the workers' ledgers make a repeat of a
 * finished item cheap.
 */
public final class WorkSource implements Source<String, WorkSplit, Collection<WorkSplit>> {
    private static final long serialVersionUID = 1L;

    private final ArrayList<String> items;

    public WorkSource(List<String> items) {
        this.items = new ArrayList<>(items);
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<String, WorkSplit> createReader(SourceReaderContext ctx) {
        return new IteratorSourceReader<>(ctx);
    }

    @Override
    public SplitEnumerator<WorkSplit, Collection<WorkSplit>> createEnumerator(SplitEnumeratorContext<WorkSplit> ctx) {
        List<WorkSplit> splits = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            splits.add(new WorkSplit(Integer.toString(i), items.get(i), false));
        }
        return new IteratorSourceEnumerator<>(ctx, splits);
    }

    @Override
    public SplitEnumerator<WorkSplit, Collection<WorkSplit>> restoreEnumerator(SplitEnumeratorContext<WorkSplit> ctx,
                                                                              Collection<WorkSplit> remaining) {
        return new IteratorSourceEnumerator<>(ctx, remaining);
    }

    @Override
    public SimpleVersionedSerializer<WorkSplit> getSplitSerializer() {
        return new SplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<Collection<WorkSplit>> getEnumeratorCheckpointSerializer() {
        return new SplitsSerializer();
    }

    static final class SplitSerializer implements SimpleVersionedSerializer<WorkSplit> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(WorkSplit s) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(256);
            write(out, s);
            return out.getCopyOfBuffer();
        }

        @Override
        public WorkSplit deserialize(int version, byte[] bytes) throws IOException {
            return read(new DataInputDeserializer(bytes));
        }
    }

    static final class SplitsSerializer implements SimpleVersionedSerializer<Collection<WorkSplit>> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Collection<WorkSplit> splits) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(1024);
            out.writeInt(splits.size());
            for (WorkSplit s : splits) {
                write(out, s);
            }
            return out.getCopyOfBuffer();
        }

        @Override
        public Collection<WorkSplit> deserialize(int version, byte[] bytes) throws IOException {
            DataInputDeserializer in = new DataInputDeserializer(bytes);
            int n = in.readInt();
            List<WorkSplit> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(read(in));
            }
            return out;
        }
    }

    private static void write(DataOutputSerializer out, WorkSplit s) throws IOException {
        out.writeUTF(s.splitId());
        byte[] item = s.item().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(item.length);
        out.write(item);
        out.writeBoolean(s.consumed());
    }

    private static WorkSplit read(DataInputDeserializer in) throws IOException {
        String id = in.readUTF();
        byte[] item = new byte[in.readInt()];
        in.readFully(item);
        return new WorkSplit(id, new String(item, java.nio.charset.StandardCharsets.UTF_8), in.readBoolean());
    }
}
