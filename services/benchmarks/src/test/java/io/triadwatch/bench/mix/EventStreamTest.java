package io.triadwatch.bench.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.triadwatch.model.Event;
import io.triadwatch.serde.Codecs;
import io.triadwatch.serde.Decoded;
import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventStreamTest {

    @Test
    void shouldGenerateValidEventsWithFreshIdsAndIncreasingDates() throws IOException {
        // Given the default mix over the shared real data (the demo timeline alone when it is absent)
        EventMix mix = EventMix.load(SharedData.locate(), EventMix.DEFAULT_WEIGHTS, line -> { });
        EventStream stream = new EventStream(mix, 1);

        // When 5,000 events are generated
        Set<String> ids = new HashSet<>();
        Instant previous = Instant.MIN;
        for (int i = 0; i < 5_000; i++) {
            EventStream.Generated generated = stream.next();
            Decoded<Event> decoded = Codecs.events().decode(generated.json());

            // Then each is a valid canonical event with a new id and a later date than the one before
            assertThat(decoded.accepted()).as("event %s: %s", generated.id(), decoded.rejection()).isTrue();
            assertThat(decoded.value().id()).isEqualTo(generated.id());
            assertThat(decoded.value().kind()).isEqualTo(generated.kind());
            assertThat(ids.add(generated.id())).isTrue();
            assertThat(decoded.value().occurredAt()).isAfter(previous);
            previous = decoded.value().occurredAt();
        }
    }

    @Test
    void shouldKeepEverythingButIdAndDateOfTheRealEvent() throws IOException {
        // Given a template cut from a real demo event
        EventMix mix = EventMix.load(null, EventMix.parseWeights("demo=1"), line -> { });
        EventTemplate template = mix.sources().get(0).templates().get(0);

        // When it is rendered with a new id and date
        Event copy = Codecs.events().decode(template.render("copy:1", "2024-05-01T00:00:00Z")).value();
        Event original = Codecs.events().decode(template.render(template.originalId(), "1961-07-06")).value();

        // Then only those two fields differ
        assertThat(copy.id()).isEqualTo("copy:1");
        assertThat(copy.occurredAt()).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
        assertThat(copy.actors()).isEqualTo(original.actors());
        assertThat(copy.summary()).isEqualTo(original.summary());
        assertThat(copy.kind()).isEqualTo(original.kind());
    }

    @Test
    void shouldCycleOnlyTheFirstEventsOfEachSourceWhenLimited() throws IOException {
        // Given the default mix limited to three real events per source
        EventMix full = EventMix.load(SharedData.locate(), EventMix.DEFAULT_WEIGHTS, line -> { });
        EventMix limited = full.limitedTo(3);
        Set<String> allowed = new HashSet<>();
        limited.sources().forEach(s -> s.templates().forEach(t -> allowed.add(s.name() + "/" + t.originalId().substring(0, Math.min(100, t.originalId().length())))));
        EventStream stream = new EventStream(limited, 7);

        // When 2,000 events are generated
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            EventStream.Generated generated = stream.next();
            seen.add(generated.source() + "/" + generated.id().substring(0, generated.id().lastIndexOf(':')));
        }

        // Then they cycle those events only (ids longer than 100 characters are cut), every source keeps its weight, and a bound below 1 is refused
        assertThat(limited.sources()).extracting(EventMix.Source::weight).containsExactlyElementsOf(full.sources().stream().map(EventMix.Source::weight).toList());
        assertThat(limited.sources()).allSatisfy(s -> assertThat(s.templates()).hasSizeLessThanOrEqualTo(3).isNotEmpty());
        assertThat(allowed).containsAll(seen);
        assertThat(seen.size()).isGreaterThan(limited.sources().size());
        assertThatIllegalArgumentException().isThrownBy(() -> full.limitedTo(0)).withMessageContaining("at least 1");
    }
}
