/** ICEWS coded-event exports ({@code .tab}, tab-separated with a header row). */
package io.triadwatch.adapters.icews;
