/**
 * Record readers shared by the adapters: tab-separated lines and RFC 4180 CSV, each record with its
 * physical line number; ZIP archives unpacked on the fly.
 */
package io.triadwatch.adapters.input;
