package io.triadwatch.adapters.un;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.triadwatch.adapters.AdapterItem;
import io.triadwatch.adapters.Drained;
import io.triadwatch.adapters.SharedData;
import io.triadwatch.adapters.SkipReason;
import io.triadwatch.model.UnVote;
import io.triadwatch.model.UnVote.Choice;
import io.triadwatch.model.UnVote.Outcome;
import io.triadwatch.model.UnVote.YesMeans;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The UN vetoes adapter on the real {@code shared/data/un/unsc-vetoes-1946-2022.csv}.
 * <p>
 * How the expected numbers were derived, independently of this code, with Python's {@code csv}:
 * <ul>
 * <li>read 214 = records minus the header (the file has 217 line feeds: three meeting_record cells
 *     hold two symbols on two lines, records end in CRLF, the last has no line end).</li>
 * <li>produced 214, nothing skipped: every {@code date} parses as m/d/yyyy and matches {@code year};
 *     every {@code member_veto1..3} value is one of USSR, Russia, China, USA, UK, France.</li>
 * <li>VETO entries by code, counting member_veto1..3 with USSR and Russia as RUS: RUS 121, USA 82,
 *     GBR 29, CHN 17, FRA 16 (rows with one vetoer 176, two 25, three 13). No China veto predates
 *     1971, so TWN does not occur in the file.</li>
 * <li>ids: five meeting records (S/PV.49, S/PV.57, S/PV.186 three times each; S/PV.190, S/PV.206
 *     twice) stand for 13 vetoes, so 8 ids carry a {@code :n} suffix.</li>
 * </ul>
 */
class UnscVetoesAdapterTest {
    private static Drained run;
    private static Map<String, UnVote> byId;

    @BeforeAll
    static void readTheFileOnce() throws IOException {
        run = Drained.of(new UnscVetoesAdapter(), SharedData.file("un/unsc-vetoes-1946-2022.csv"));
        byId = run.byId(UnVote.class);
    }

    @Test
    void shouldProduceOneVetoedVotePerRow() {
        assertThat(run.summary().read()).isEqualTo(214);
        assertThat(run.summary().produced()).isEqualTo(214);
        assertThat(run.summary().skipped()).isEmpty();
        assertThat(byId.values()).allSatisfy(v -> {
            assertThat(v.outcome()).isEqualTo(Outcome.VETOED);
            assertThat(v.votes().values()).containsOnly(Choice.VETO);
        });
    }

    @Test
    void shouldCountVetoesBySeatHolder() {
        Map<String, Long> vetoes = byId.values().stream().flatMap(v -> v.votes().keySet().stream())
                .collect(Collectors.groupingBy(k -> k, Collectors.counting()));

        assertThat(vetoes).containsOnly(entry("RUS", 121L), entry("USA", 82L), entry("GBR", 29L), entry("CHN", 17L), entry("FRA", 16L));
    }

    @Test
    void shouldRecordTheMay2022DprkVetoWithTheSameIdAsTheVotesFile() {
        // Given line 217: S/2022/431, 5/26/2022, Non-proliferation - Democratic People's Republic of Korea, China and Russia
        UnVote vote = byId.get("unsc:S-2022-431");

        // Then
        assertThat(vote.occurredAt()).isEqualTo(Instant.parse("2022-05-26T00:00:00Z"));
        assertThat(vote.votes()).isEqualTo(Map.of("CHN", Choice.VETO, "RUS", Choice.VETO));
        assertThat(vote.subject()).isEqualTo("PRK");
        assertThat(vote.yesMeans()).isEqualTo(YesMeans.AGAINST_SUBJECT);
        assertThat(vote.summary()).contains("crisis topic North Korea").contains("meeting S/PV.9048");
        assertThat(run.produced()).filteredOn(p -> p.event().id().equals("unsc:S-2022-431")).extracting(AdapterItem::line).containsExactly(217L);
    }

    @Test
    void shouldNumberSeveralVetoesRecordedUnderOneMeetingRecord() {
        assertThat(byId).containsKeys("unsc:S-PV.49", "unsc:S-PV.49:2", "unsc:S-PV.49:3", "unsc:S-PV.206:2");
        assertThat(byId.keySet().stream().filter(id -> id.matches(".*:[0-9]+$"))).hasSize(8);
        assertThat(byId.get("unsc:S-PV.49:2").summary()).contains("The Spanish question preliminary question");
    }

    @Test
    void shouldNotTakeTheAuthorOfALetterAsTheSubject() {
        // Given line 216: S/2022/155 under "Letter dated 28 February 2014 from the Permanent Representative of Ukraine ..."
        UnVote vote = byId.get("unsc:S-2022-155");

        assertThat(vote.votes()).isEqualTo(Map.of("RUS", Choice.VETO));
        assertThat(vote.subject()).isNull();
    }

    @Test
    void shouldGiveTheChinaSeatToTheRepublicOfChinaBefore1971() {
        assertThat(UnscVetoesAdapter.seat("China", LocalDate.of(1955, 12, 13))).hasValue("TWN");
        assertThat(UnscVetoesAdapter.seat("China", LocalDate.of(1972, 8, 25))).hasValue("CHN");
        assertThat(UnscVetoesAdapter.seat("USSR", LocalDate.of(1946, 2, 16))).hasValue("RUS");
        assertThat(UnscVetoesAdapter.seat("Germany", LocalDate.of(2000, 1, 1))).isEmpty();
    }

    @Test
    void shouldSkipARowWithoutVetoerOrWithAWrongDate(@TempDir Path dir) throws IOException {
        // Given
        Path file = dir.resolve("vetoes.csv");
        String header = "year,date,month,draft,meeting_record,agenda_item,crisis_topic,region,member_veto1,member_veto2,member_veto3";
        Files.writeString(file, header + "\r\n"
                + "1955,12/13/1955,12,S/3502,S/PV.704,Admission of new Members Japan,Admission,East Asia,China,,\r\n"
                + "1956,12/13/1955,12,S/3503,S/PV.704,x,y,z,USSR,,\r\n"
                + "1955,12/13/1955,12,S/3504,S/PV.704,x,y,z,,,\r\n"
                + "1955,12/13/1955,12,S/3505,S/PV.704,x,y,z,Germany,,\r\n");

        // When
        Drained small = Drained.of(new UnscVetoesAdapter(), file);

        // Then
        assertThat(small.summary().skipped()).isEqualTo(Map.of(SkipReason.MALFORMED, 2L, SkipReason.UNKNOWN_COUNTRY, 1L));
        UnVote admission = small.byId(UnVote.class).get("unsc:S-3502");
        assertThat(admission.votes()).isEqualTo(Map.of("TWN", Choice.VETO));
        assertThat(admission.subject()).isEqualTo("JPN");
        assertThat(admission.yesMeans()).isEqualTo(YesMeans.FOR_SUBJECT);
    }
}
