/** Country names (ICEWS, UN) to ISO 3166-1 alpha-3 codes. */
package io.triadwatch.adapters.country;
