package io.triadwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.launcher.demo.DemoData;
import io.triadwatch.model.DelegationVisit;
import io.triadwatch.model.Event;
import io.triadwatch.model.Official;
import io.triadwatch.model.Triad;
import io.triadwatch.serde.Codecs;
import io.triadwatch.serde.Decoded;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoDataTest {

    private static <T> List<T> decodeAll(List<String> lines, io.triadwatch.serde.ValidatingCodec<T> codec) {
        return lines.stream().map(l -> {
            Decoded<T> d = codec.decode(l.getBytes(StandardCharsets.UTF_8));
            assertThat(d.rejection()).as(l).isNull();
            return d.value();
        }).toList();
    }

    @Test
    void shouldShipATimelineThatPassesTheFullContract() {
        List<Event> events = decodeAll(DemoData.lines(DemoData.EVENTS), Codecs.events());

        Set<String> ids = new HashSet<>();
        events.forEach(e -> assertThat(ids.add(e.id())).as("unique id " + e.id()).isTrue());
        assertThat(events).extracting(Event::occurredAt).isSorted();
        assertThat(events).allSatisfy(e -> assertThat(e.source().name()).isNotBlank());
    }

    @Test
    void shouldResolveEveryDelegationHeadInTheRegistryAsOfTheVisit() {
        // Given the timeline's visits and the registry
        List<Official> officials = decodeAll(DemoData.lines(DemoData.OFFICIALS), Codecs.officials());
        List<DelegationVisit> visits = decodeAll(DemoData.lines(DemoData.EVENTS), Codecs.events()).stream()
                .filter(DelegationVisit.class::isInstance).map(DelegationVisit.class::cast)
                .filter(v -> v.delegation().officialId() != null).toList();

        // Then every official id has exactly one version valid on the visit date
        assertThat(visits).isNotEmpty().allSatisfy(v -> assertThat(officials.stream()
                .filter(o -> o.id().equals(v.delegation().officialId()) && o.validAt(v.occurredAt())))
                .as(v.id()).hasSize(1));
    }

    @Test
    void shouldWatchTheFourTriadsOfTheArticle() {
        List<Triad> triads = decodeAll(DemoData.lines(DemoData.TRIADS), Codecs.triads());

        assertThat(triads).extracting(Triad::id).containsExactlyInAnyOrder("CHN-PRK-RUS", "JPN-KOR-USA", "CHN-RUS-USA", "CHN-PRK-USA");
        assertThat(triads).filteredOn(t -> t.id().equals("CHN-PRK-RUS")).singleElement().extracting(Triad::pivot).isEqualTo("CHN");
    }
}
