/** UN Security Council voting records and the list of vetoes, to {@code UN_VOTE} events. */
package io.triadwatch.adapters.un;
