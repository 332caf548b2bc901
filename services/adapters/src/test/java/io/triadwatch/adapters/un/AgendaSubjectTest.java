package io.triadwatch.adapters.un;

import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.adapters.country.CountryNames;
import io.triadwatch.model.UnVote.YesMeans;
import org.junit.jupiter.api.Test;

class AgendaSubjectTest {
    private final AgendaSubject agenda = new AgendaSubject(CountryNames.standard());

    @Test
    void shouldReadTheCountryOfASituationOrQuestionItem() {
        assertThat(agenda.read("The situation in the Democratic People's Republic of Korea"))
                .isEqualTo(new AgendaSubject.Reading("PRK", YesMeans.AGAINST_SUBJECT));
        assertThat(agenda.read("The situation concerning the Democratic Republic of the Congo").subject()).isEqualTo("COD");
        assertThat(agenda.read("The question concerning Haiti").subject()).isEqualTo("HTI");
        assertThat(agenda.read("The situation in Cote d'Ivoire").subject()).isEqualTo("CIV");
        assertThat(agenda.read("The situation in the Bolivarian Republic of Venezuela (concerning the 2019 Venezuelan presidential crisis)").subject())
                .isEqualTo("VEN");
    }

    @Test
    void shouldReadNonProliferationItemsAsAgainstTheirSubject() {
        assertThat(agenda.read("Non-proliferation/Democratic People’s Republic of Korea"))
                .isEqualTo(new AgendaSubject.Reading("PRK", YesMeans.AGAINST_SUBJECT));
        assertThat(agenda.read("Non-proliferation - Democratic People's Republic of Korea"))
                .isEqualTo(new AgendaSubject.Reading("PRK", YesMeans.AGAINST_SUBJECT));
        assertThat(agenda.read("Sanctions against Yemen (Yemeni Civil War (2015–present))"))
                .isEqualTo(new AgendaSubject.Reading("YEM", YesMeans.AGAINST_SUBJECT));
    }

    @Test
    void shouldReadAdmissionAndProtectionItemsAsForTheirSubject() {
        assertThat(agenda.read("Admission of new Members Japan")).isEqualTo(new AgendaSubject.Reading("JPN", YesMeans.FOR_SUBJECT));
        assertThat(agenda.read("Application for Membership Portugal")).isEqualTo(new AgendaSubject.Reading("PRT", YesMeans.FOR_SUBJECT));
        assertThat(agenda.read("Maintenance of peace and security of Ukraine")).isEqualTo(new AgendaSubject.Reading("UKR", YesMeans.FOR_SUBJECT));
    }

    @Test
    void shouldFindNoSubjectInRegionsPairsLettersAndThemes() {
        assertThat(agenda.read("The situation in the Middle East")).isEqualTo(AgendaSubject.Reading.NONE);
        assertThat(agenda.read("The situation between Iraq and Kuwait")).isEqualTo(AgendaSubject.Reading.NONE);
        assertThat(agenda.read("Reports of the Secretary-General on the Sudan and South Sudan")).isEqualTo(AgendaSubject.Reading.NONE);
        assertThat(agenda.read("Letter dated 28 February 2014 from the Permanent Representative of Ukraine to the United Nations addressed to the President of the Security Council (S/2014/136)"))
                .isEqualTo(AgendaSubject.Reading.NONE);
        assertThat(agenda.read("Threats to international peace and security caused by terrorist acts")).isEqualTo(AgendaSubject.Reading.NONE);
        assertThat(agenda.read("")).isEqualTo(AgendaSubject.Reading.NONE);
    }
}
