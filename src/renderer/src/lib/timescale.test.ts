import { describe, expect, it } from 'vitest'
import {
  clampWindow,
  ensureVisible,
  fullWindow,
  panBy,
  scaleFor,
  tickLabel,
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

  it('labels ticks with a unit that suits the step', () => {
    expect(tickLabel(1_500_000, 500_000)).toBe('1.5s')
    expect(tickLabel(20_000, 10_000)).toBe('20ms')
    expect(tickLabel(250, 50)).toBe('250µs')
    expect(tickLabel(500_000_000, 100_000_000)).toBe('8m20s')
    expect(tickLabel(3_600_000_000, 600_000_000)).toBe('1h00m')
  })
})
