import { describe, expect, it } from 'vitest'
import {
  clampWindow,
  ensureVisible,
  fullWindow,
  panBy,
  scaleFor,
  tickLabel,
  tickLabels,
  zoomAt,
} from './timescale'

const extent = 10_000_000 // a 10 s trace
const width = 1000

describe('timeline time window', () => {
  it('zooms about the pointer: the time under it stays under it', () => {
    const w = fullWindow(extent)
    const px = 250
    const before = scaleFor(w, width).invert(px)
    const z = zoomAt(w, extent, width, px, 4)
    expect(z.t1 - z.t0).toBeCloseTo((w.t1 - w.t0) / 4, 0)
    expect(scaleFor(z, width).invert(px)).toBeCloseTo(before, 0)
  })

  it('cannot zoom out past the whole trace nor pan outside it', () => {
    const w = fullWindow(extent)
    expect(zoomAt(w, extent, width, 500, 0.1)).toEqual(clampWindow(w, extent))
    const z = zoomAt(w, extent, width, 0, 10)
    const panned = panBy(z, extent, width, 100_000)
    expect(panned.t0).toBeCloseTo(w.t0)
  })

  it('pans by pixels in proportion to the window', () => {
    const w = { t0: 1_000_000, t1: 2_000_000 }
    expect(panBy(w, extent, width, -100)).toEqual({ t0: 1_100_000, t1: 2_100_000 })
  })

  it('brings a span into view only when it is not already visible', () => {
    const w = { t0: 0, t1: 1_000_000 }
    expect(ensureVisible(w, extent, 200_000, 300_000)).toBe(w)
    const moved = ensureVisible(w, extent, 5_000_000, 5_100_000)
    expect(moved.t0).toBeLessThan(5_000_000)
    expect(moved.t1).toBeGreaterThan(5_100_000)
    expect(moved.t1 - moved.t0).toBeCloseTo(1_000_000)
  })

  it('never shows time before the trace start or after its end', () => {
    expect(fullWindow(extent)).toEqual({ t0: 0, t1: extent })
    const z = zoomAt(fullWindow(extent), extent, width, 0, 8)
    // Panning right (towards earlier time) stops at 0, panning left at the trace end.
    expect(panBy(z, extent, width, 10_000).t0).toBe(0)
    expect(panBy(z, extent, width, -10_000).t1).toBe(extent)
    expect(clampWindow({ t0: -400_000, t1: 600_000 }, extent)).toEqual({ t0: 0, t1: 1_000_000 })
    // Zooming out at the left edge cannot reveal negative time.
    expect(zoomAt({ t0: 0, t1: 1_000_000 }, extent, width, 500, 0.5).t0).toBe(0)
    // A trace with no duration still has a window to draw.
    expect(fullWindow(0).t1).toBeGreaterThan(0)
  })

  it('labels ticks with a unit and precision that suit the step', () => {
    expect(tickLabel(1_500_000, 500_000)).toBe('1.5 s')
    expect(tickLabel(20_000, 10_000)).toBe('20 ms')
    expect(tickLabel(39_800, 100)).toBe('39.8 ms')
    expect(tickLabel(250, 50)).toBe('250 µs')
    expect(tickLabel(500_000_000, 100_000_000)).toBe('8m 20s')
    expect(tickLabel(480_000_000, 60_000_000)).toBe('8m')
    expect(tickLabel(301_126_000, 1000)).toBe('5m 01.126s')
    expect(tickLabel(3_600_000_000, 600_000_000)).toBe('1h 00m')
    expect(tickLabel(0, 1000)).toBe('0')
  })

  it('labels a deep zoom into a long trace as offsets from the first tick', () => {
    // Issue 11: "301126ms … 301133ms" is unreadable; the first tick carries the full time.
    const ticks = [301_126_000, 301_127_000, 301_128_000, 301_129_000]
    expect(tickLabels(ticks, 1000)).toEqual(['5m 01.126s', '+1 ms', '+2 ms', '+3 ms'])
    expect(tickLabels([39_800, 39_900, 40_000], 100)).toEqual(['39.8 ms', '39.9 ms', '40 ms'])
    expect(tickLabels([2_000_000, 2_000_050, 2_000_100], 50)).toEqual(['2 s', '+50 µs', '+100 µs'])
    expect(tickLabels([0, 500_000, 1_000_000], 500_000)).toEqual(['0', '0.5 s', '1 s'])
  })
})
