/**
 * Sample data for Wangge: the real seed data ({@link org.wangge.data.seed}), the deterministic
 * sample-district generator ({@link org.wangge.data.SampleGenerator}), its writers and the CLI.
 * Implementation details live in {@code org.wangge.data.internal}.
 */
package org.wangge.data;
