package io.triadwatch.adapters.un;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.triadwatch.adapters.AdapterItem;
import io.triadwatch.adapters.AdapterProgress;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The UN votes adapter on the real {@code shared/data/un/unsc-votes-2016-2026.csv}.
 * <p>
 * How the expected numbers were derived, independently of this code, with Python's {@code csv}
 * module (which, like RFC 4180, lets a quoted field span lines):
 * <ul>
 * <li>read 9239: {@code len(list(csv.reader(f))) - 1}; the file has 9270 physical lines because the
 *     15 rows of vote 2157 quote their Draft as {@code "\n\nS/2025/443"} (3 lines each).</li>
 * <li>MALFORMED 15: rows whose ID is not a number: {@code grep -c '^Middle East,' FILE}; they are
 *     physical lines 9256-9270, a 1992 row shifted by three columns.</li>
 * <li>CONFLICTING_VOTE 2: grouping the good rows by ID, one member appears twice with different
 *     votes: Tunisia on S/2021/898 (vote 1945), Yes at line 5623 and Abstain at line 5627
 *     ({@code grep -n '^1945,.*Tunisia' FILE}).</li>
 * <li>produced 615: distinct IDs among the good rows, each contiguous (no ID reappears after
 *     another began); 554 have an Outcome starting "Adopted", 35 "Not adopted - veto", 26 "Not
 *     adopted - failed ...". accepted 9222 = 9239 - 15 - 2 = 612 votes of 15 members + 3 of 14
 *     (S/2021/898 without Tunisia; S/2024/796 and S/2025/692, where the file lists 14 members).</li>
 * <li>vetoes: permanent members' "No" on the 35 vetoed drafts: Russian Federation 25, China 10,
 *     United States 10.</li>
 * <li>subjects: the distinct agenda items of the 615 votes, read by hand with the rules of
 *     {@link AgendaSubject} (SOM 50, LBY 38, CAF 24, COD 24, HTI 18, CYP 17, PRK 16, AFG 16, MLI 16,
 *     ESH 12, IRQ 11, BIH 11, GNB 5, CIV 3, LBR 3, BDI 2, VEN 2, UKR 2, MMR 1; 344 without).</li>
 * </ul>
 */
class UnscVotesAdapterTest {
    private static Drained run;
    private static Map<String, UnVote> byId;

    @BeforeAll
    static void readTheFileOnce() throws IOException {
        run = Drained.of(new UnscVotesAdapter(), SharedData.file("un/unsc-votes-2016-2026.csv"), 1000);
        byId = run.byId(UnVote.class);
    }

    @Test
    void shouldCountEveryRowOfTheFile() {
        assertThat(run.summary().read()).isEqualTo(9239);
        assertThat(run.summary().produced()).isEqualTo(615);
        assertThat(run.summary().accepted()).isEqualTo(9222);
        assertThat(run.summary().skipped()).isEqualTo(Map.of(SkipReason.MALFORMED, 15L, SkipReason.CONFLICTING_VOTE, 2L));
    }

    @Test
    void shouldReportTheMalformedTailRowsWithTheirPhysicalLines() {
        assertThat(run.skippedLines(SkipReason.MALFORMED)).containsExactlyElementsOf(LongStream.rangeClosed(9256, 9270).boxed().toList());
        assertThat(run.skipped()).filteredOn(s -> s.reason() == SkipReason.MALFORMED).allSatisfy(s ->
                assertThat(s.detail()).isEqualTo("ID 'Middle East' is not a vote number"));
    }

    @Test
    void shouldLeaveOutAMemberListedWithTwoDifferentVotes() {
        // Given S/2021/898: Tunisia both Yes (line 5623) and Abstain (line 5627)
        UnVote vote = byId.get("unsc:S-2021-898");

        // Then
        assertThat(run.skippedLines(SkipReason.CONFLICTING_VOTE)).containsExactly(5623L, 5627L);
        assertThat(vote.votes()).hasSize(14).doesNotContainKey("TUN").containsEntry("RUS", Choice.ABSTAIN);
    }

    @Test
    void shouldSplitOutcomesAndDeriveVetoes() {
        Map<Outcome, Long> outcomes = byId.values().stream().collect(Collectors.groupingBy(UnVote::outcome, Collectors.counting()));
        Map<String, Long> vetoes = byId.values().stream().flatMap(v -> v.votes().entrySet().stream())
                .filter(e -> e.getValue() == Choice.VETO).collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.counting()));

        assertThat(outcomes).containsOnly(entry(Outcome.ADOPTED, 554L), entry(Outcome.VETOED, 35L), entry(Outcome.NOT_ADOPTED, 26L));
        assertThat(vetoes).containsOnly(entry("RUS", 25L), entry("CHN", 10L), entry("USA", 10L));
        assertThat(byId.values().stream().mapToInt(v -> v.votes().size()).sum()).isEqualTo(9222);
    }

    @Test
    void shouldRecordTheMay2022DprkSanctionsVetoByChinaAndRussia() {
        // Given vote 1978 (lines 6108-6122): S/2022/431, Non-proliferation/DPRK, vetoed
        UnVote vote = byId.get("unsc:S-2022-431");

        // Then
        assertThat(vote.occurredAt()).isEqualTo(Instant.parse("2022-05-26T00:00:00Z"));
        assertThat(vote.outcome()).isEqualTo(Outcome.VETOED);
        assertThat(vote.subject()).isEqualTo("PRK");
        assertThat(vote.yesMeans()).isEqualTo(YesMeans.AGAINST_SUBJECT);
        assertThat(vote.resolution()).isNull();
        assertThat(vote.votes()).hasSize(15).containsEntry("CHN", Choice.VETO).containsEntry("RUS", Choice.VETO)
                .containsEntry("USA", Choice.YES).containsEntry("GBR", Choice.YES).containsEntry("FRA", Choice.YES);
        assertThat(vote.votes().values().stream().filter(c -> c == Choice.YES)).hasSize(13);
        assertThat(vote.source().url()).isEqualTo("https://undocs.org/S/2022/431");
        assertThat(vote.summary()).contains("vetoed by CHN, RUS").contains("13 YES, 2 VETO");
        assertThat(run.produced()).filteredOn(p -> p.event().id().equals("unsc:S-2022-431")).extracting(AdapterItem::line).containsExactly(6108L);
    }

    @Test
    void shouldRecordTheMarch2024PanelOfExpertsVetoByRussiaWithChinaAbstaining() {
        // Given vote 2092 (from line 7818): S/2024/255, renewal of the 1718 Committee Panel of Experts
        UnVote vote = byId.get("unsc:S-2024-255");

        // Then: the same votes as the contract's example event un-vote-unsc-panel-of-experts-2024.json
        assertThat(vote.occurredAt()).isEqualTo(Instant.parse("2024-03-28T00:00:00Z"));
        assertThat(vote.subject()).isEqualTo("PRK");
        assertThat(vote.outcome()).isEqualTo(Outcome.VETOED);
        assertThat(vote.votes()).isEqualTo(Map.ofEntries(
                entry("DZA", Choice.YES), entry("CHN", Choice.ABSTAIN), entry("ECU", Choice.YES), entry("FRA", Choice.YES),
                entry("GUY", Choice.YES), entry("JPN", Choice.YES), entry("MLT", Choice.YES), entry("MOZ", Choice.YES),
                entry("KOR", Choice.YES), entry("RUS", Choice.VETO), entry("SLE", Choice.YES), entry("SVN", Choice.YES),
                entry("CHE", Choice.YES), entry("GBR", Choice.YES), entry("USA", Choice.YES)));
        assertThat(vote.effectiveChoice("RUS")).isEqualTo(Choice.VETO);
    }

    @Test
    void shouldKeepBothVotesThatShareOneDraftSymbol() {
        // Given votes 2147 (08/05/2025, line 8642) and 2149 (30/05/2025, line 8672) both labelled S/2025/270
        UnVote first = byId.get("unsc:S-2025-270");
        UnVote second = byId.get("unsc:S-2025-270:2");

        // Then
        assertThat(first.resolution()).isEqualTo("2779 (2025)");
        assertThat(second.resolution()).isEqualTo("2781 (2025)");
        assertThat(second.occurredAt()).isEqualTo(Instant.parse("2025-05-30T00:00:00Z"));
        assertThat(second.draft()).isEqualTo("S/2025/270");
    }

    @Test
    void shouldTrimDraftSymbolsAndCountLinesAcrossQuotedLineBreaks() {
        // Given vote 2157, whose Draft cells are "\n\nS/2025/443", from line 8792; and " S/2024/383 " (vote 2095)
        UnVote multiLine = byId.get("unsc:S-2025-443");

        // Then
        assertThat(multiLine.draft()).isEqualTo("S/2025/443");
        assertThat(multiLine.votes()).hasSize(15);
        assertThat(byId.get("unsc:S-2024-383").draft()).isEqualTo("S/2024/383");
        assertThat(run.produced()).filteredOn(p -> p.event().id().equals("unsc:S-2025-443")).extracting(AdapterItem::line).containsExactly(8792L);
    }

    @Test
    void shouldTakeTheSubjectFromTheAgendaItem() {
        Map<String, Long> subjects = byId.values().stream().collect(Collectors.groupingBy(
                v -> Objects.requireNonNullElse(v.subject(), "none"), Collectors.counting()));

        assertThat(subjects).isEqualTo(Map.ofEntries(entry("SOM", 50L), entry("LBY", 38L), entry("CAF", 24L), entry("COD", 24L),
                entry("HTI", 18L), entry("CYP", 17L), entry("PRK", 16L), entry("AFG", 16L), entry("MLI", 16L), entry("ESH", 12L),
                entry("IRQ", 11L), entry("BIH", 11L), entry("GNB", 5L), entry("CIV", 3L), entry("LBR", 3L), entry("BDI", 2L),
                entry("VEN", 2L), entry("UKR", 2L), entry("MMR", 1L), entry("none", 344L)));
        assertThat(byId.values()).filteredOn(v -> "UKR".equals(v.subject())).allSatisfy(v -> assertThat(v.yesMeans()).isEqualTo(YesMeans.FOR_SUBJECT));
    }

    @Test
    void shouldReportProgressEveryThousandRowsAndAtTheEnd() {
        List<AdapterProgress> reports = run.reports();

        assertThat(reports).extracting(AdapterProgress::read).containsExactly(1000L, 2000L, 3000L, 4000L, 5000L, 6000L, 7000L, 8000L, 9000L, 9239L);
        assertThat(reports.get(reports.size() - 1)).isEqualTo(new AdapterProgress("unsc-votes", "unsc-votes-2016-2026.csv", 9239, 615, 17, true));
        assertThat(reports.subList(0, 9)).noneMatch(AdapterProgress::done);
    }

    @Test
    void shouldSkipAnUnknownVoteAndAStrangerButKeepTheRest(@TempDir Path dir) throws IOException {
        // Given a small vote with an unreadable vote value and a non-country member
        Path file = dir.resolve("votes.csv");
        Files.writeString(file, String.join("\n",
                "ID,Year,Date,Resolution,Draft,Outcome,Agenda item,Category,Region,Vote,Member State",
                "7,2024,28/03/2024,,S/2024/255,Not adopted - veto,Non-proliferation/Democratic People’s Republic of Korea,X,Asia,No,Russian Federation",
                "7,2024,28/03/2024,,S/2024/255,Not adopted - veto,Non-proliferation/Democratic People’s Republic of Korea,X,Asia,Maybe,China",
                "7,2024,28/03/2024,,S/2024/255,Not adopted - veto,Non-proliferation/Democratic People’s Republic of Korea,X,Asia,Yes,Atlantis",
                "7,2024,28/03/2024,,S/2024/255,Not adopted - veto,Non-proliferation/Democratic People’s Republic of Korea,X,Asia,Yes,Japan",
                "8,2024,31/02/2024,,S/2024/999,Adopted unanimously,Whatever,X,Asia,Yes,Japan") + "\n");

        // When
        Drained small = Drained.of(new UnscVotesAdapter(), file);

        // Then
        assertThat(small.summary().skipped()).isEqualTo(Map.of(SkipReason.MALFORMED, 2L, SkipReason.UNKNOWN_COUNTRY, 1L));
        assertThat(small.skippedLines(SkipReason.MALFORMED)).containsExactly(3L, 6L);
        assertThat(small.byId(UnVote.class).get("unsc:S-2024-255").votes())
                .isEqualTo(Map.of("RUS", Choice.VETO, "JPN", Choice.YES));
    }
}
