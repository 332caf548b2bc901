/** The CAMEO event code table (code to description). */
package io.triadwatch.adapters.cameo;
