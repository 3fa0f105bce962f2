import { describe, expect, it } from "vitest";
import { calibratedCpuMultiplier } from "../../bench/lib/cpu-calibration";

describe("bench:pages's CPU slowdown for a host", () => {
  it("meets Lighthouse's calibration anchors", () => {
    expect(calibratedCpuMultiplier(2000)).toBeCloseTo(6, 1);
    expect(calibratedCpuMultiplier(1766)).toBeCloseTo(5, 1);
    expect(calibratedCpuMultiplier(1533)).toBeCloseTo(4, 1);
    expect(calibratedCpuMultiplier(1300)).toBe(3);
    expect(calibratedCpuMultiplier(800)).toBe(2);
    expect(calibratedCpuMultiplier(150)).toBe(1);
  });

  it("is continuous and rises with the host's speed", () => {
    let previous = 0;
    for (let index = 100; index <= 3000; index += 10) {
      const m = calibratedCpuMultiplier(index);
      expect(m).toBeGreaterThanOrEqual(previous);
      expect(m - previous).toBeLessThan(0.1 + (previous === 0 ? 2 : 0));
      previous = m;
    }
  });

  it("keeps the preset's 4× when the host's speed is unknown, and never speeds the page up", () => {
    expect(calibratedCpuMultiplier(Number.NaN)).toBe(4);
    expect(calibratedCpuMultiplier(0)).toBe(4);
    expect(calibratedCpuMultiplier(50)).toBe(1);
  });
});
