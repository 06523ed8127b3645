/**
 * Benchmarks: each end-to-end figure is printed beside a floor measured in the same run on the same machine, so the
 * ratios, not the absolute numbers, say what Rekey costs.
 */
package dev.rekey.bench;
