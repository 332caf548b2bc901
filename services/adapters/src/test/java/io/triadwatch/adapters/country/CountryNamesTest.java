package io.triadwatch.adapters.country;

import static org.assertj.core.api.Assertions.assertThat;

import io.triadwatch.model.Actors;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every country name of the shared ICEWS sample (Source/Target Country) and of the UN votes file
 * (Member State), with the ISO 3166-1 alpha-3 code checked by hand against the ISO list. If a JDK
 * upgrade changes a CLDR display name, this test says which.
 */
class CountryNamesTest {
    private static final String ALL = """
            Afghanistan AFG|Albania ALB|Algeria DZA|Andorra AND|Angola AGO|Argentina ARG|Armenia ARM|Australia AUS|Austria AUT|
            Azerbaijan AZE|Bahrain BHR|Bangladesh BGD|Belarus BLR|Belgium BEL|Benin BEN|Bolivia BOL|Bosnia and Herzegovina BIH|
            Botswana BWA|Brazil BRA|Bulgaria BGR|Burkina Faso BFA|Burundi BDI|Cambodia KHM|Cameroon CMR|Canada CAN|Chad TCD|
            Chile CHL|China CHN|Colombia COL|Comoros COM|Congo COG|Costa Rica CRI|Cote d'Ivoire CIV|Côte d’Ivoire CIV|Croatia HRV|
            Cuba CUB|Czech Republic CZE|Democratic Republic of Congo COD|Democratic Republic of the Congo COD|Denmark DNK|
            Dominican Republic DOM|Ecuador ECU|Egypt EGY|Equatorial Guinea GNQ|Estonia EST|Ethiopia ETH|Finland FIN|France FRA|
            Gabon GAB|Gambia GMB|Georgia GEO|Germany DEU|Ghana GHA|Greece GRC|Guatemala GTM|Guinea GIN|Guinea-Bissau GNB|
            Guyana GUY|Haiti HTI|Holy See VAT|Honduras HND|Hong Kong HKG|Hungary HUN|India IND|Indonesia IDN|Iran IRN|Iraq IRQ|
            Ireland IRL|Israel ISR|Italy ITA|Japan JPN|Jordan JOR|Kazakhstan KAZ|Kenya KEN|Kuwait KWT|Kyrgyzstan KGZ|Laos LAO|
            Latvia LVA|Lebanon LBN|Liberia LBR|Libya LBY|Lithuania LTU|Luxembourg LUX|Madagascar MDG|Malawi MWI|Malaysia MYS|
            Maldives MDV|Mali MLI|Malta MLT|Marshall Islands MHL|Mauritania MRT|Mexico MEX|Moldova, Republic of MDA|Monaco MCO|
            Montenegro MNE|Morocco MAR|Mozambique MOZ|Myanmar MMR|Namibia NAM|Nepal NPL|Netherlands NLD|New Zealand NZL|
            Nicaragua NIC|Niger NER|Nigeria NGA|North Korea PRK|Norway NOR|Occupied Palestinian Territory PSE|Oman OMN|
            Pakistan PAK|Panama PAN|Papua New Guinea PNG|Peru PER|Philippines PHL|Poland POL|Portugal PRT|Qatar QAT|
            Republic of Korea KOR|Romania ROU|Russian Federation RUS|Rwanda RWA|Saint Vincent and the Grenadines VCT|
            Saudi Arabia SAU|Senegal SEN|Serbia SRB|Seychelles SYC|Sierra Leone SLE|Singapore SGP|Slovakia SVK|Slovenia SVN|
            Somalia SOM|South Africa ZAF|South Korea KOR|South Sudan SSD|Spain ESP|Sri Lanka LKA|Sudan SDN|Swaziland SWZ|
            Sweden SWE|Switzerland CHE|Syria SYR|Taiwan TWN|Tajikistan TJK|Tanzania TZA|Thailand THA|Timor-Leste TLS|Togo TGO|
            Tunisia TUN|Turkey TUR|Turkmenistan TKM|Uganda UGA|Ukraine UKR|United Arab Emirates ARE|United Kingdom GBR|
            United States USA|Uruguay URY|Uzbekistan UZB|Venezuela VEN|Viet Nam VNM|Vietnam VNM|Western Sahara ESH|Yemen YEM|
            Zimbabwe ZWE|the former Yugoslav Republic of Macedonia MKD""";

    private static Map<String, String> expected() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : ALL.replace("\n", "").split("\\|")) {
            String p = pair.strip();
            map.put(p.substring(0, p.length() - 4), p.substring(p.length() - 3));
        }
        return map;
    }

    @Test
    void shouldMapEveryCountryNameOfTheSharedFiles() {
        // Given 164 distinct names: the 148 of ICEWS (NA aside) and 16 UN member names not among them
        Map<String, String> expected = expected();
        assertThat(expected).hasSize(164);

        // When / Then
        expected.forEach((name, code) -> {
            assertThat(CountryNames.standard().code(name)).as(name).hasValue(code);
            assertThat(Actors.isKnown(code)).as(code).isTrue();
        });
    }

    @Test
    void shouldNotGuessForNonCountries() {
        assertThat(CountryNames.standard().code("NA")).isEmpty();
        assertThat(CountryNames.standard().code("")).isEmpty();
        assertThat(CountryNames.standard().code("Middle East")).isEmpty();
        assertThat(CountryNames.standard().code("Sudan and South Sudan")).isEmpty();
        assertThat(CountryNames.standard().code("Korea")).isEmpty();
    }

    @Test
    void shouldIgnoreCaseAccentsApostrophesAndALeadingThe() {
        assertThat(CountryNames.standard().code("the Democratic People’s Republic of Korea")).hasValue("PRK");
        assertThat(CountryNames.standard().code("DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA")).hasValue("PRK");
        assertThat(CountryNames.standard().code("St. Kitts & Nevis")).hasValue("KNA");
        assertThat(CountryNames.standard().code("  Russian   Federation ")).hasValue("RUS");
    }
}
