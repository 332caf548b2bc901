/** GDELT event exports (2.0 and 1.0 layouts, plain or zipped) and the live 15-minute follower. */
package io.triadwatch.adapters.gdelt;
