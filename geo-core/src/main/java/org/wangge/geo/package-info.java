/** Wangge's spatial engine and domain values. */
package org.wangge.geo;
