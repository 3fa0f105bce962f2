/**
 * The CPU slowdown that makes a host of this `benchmarkIndex` emulate the phone Lighthouse's
 * mobile preset means. The preset's fixed 4× assumes a host of about 1,533; Lighthouse's
 * throttling guide ("Calibrating multipliers", docs/throttling.md) and its CPU-throttling
 * calculator give these anchors: 2,000 → 6×, 1,533 → 4×, 1,300 → 3×, 800 → 2×, 150 → 1×, linear
 * between them. A slow host thus gets less than 4× and a fast one more (decision 26).
 * `benchmarkIndex` is the one Lighthouse reports for the run (`lhr.environment.benchmarkIndex`),
 * the figure those anchors are stated in.
 */
export function calibratedCpuMultiplier(benchmarkIndex: number): number {
  if (!Number.isFinite(benchmarkIndex) || benchmarkIndex <= 0) return 4;
  if (benchmarkIndex >= 1300) return 3 + (benchmarkIndex - 1300) / 233;
  if (benchmarkIndex >= 800) return 2 + (benchmarkIndex - 800) / 500;
  return Math.max(1, 1 + (benchmarkIndex - 150) / 650);
}
