import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fitBounds, loadWindowState, saveWindowState } from './window-state'

const laptop = { x: 0, y: 0, width: 1440, height: 875 }

describe('the remembered window position', () => {
  it('comes back as saved when it still fits the display', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tracedeck-state-')), 'window-state.json')
    saveWindowState(file, { bounds: { x: 100, y: 50, width: 1000, height: 700 }, maximized: true })
    const state = loadWindowState(file)
    expect(state).toEqual({ bounds: { x: 100, y: 50, width: 1000, height: 700 }, maximized: true })
    expect(fitBounds(state.bounds, laptop)).toEqual({ x: 100, y: 50, width: 1000, height: 700 })
  })

  it('is moved back on screen and shrunk when the big monitor it was on is gone', () => {
    expect(fitBounds({ x: 2600, y: 300, width: 2400, height: 1300 }, laptop)).toEqual({ x: 0, y: 0, width: 1440, height: 875 })
    expect(fitBounds({ x: -900, y: 40, width: 800, height: 600 }, laptop)).toEqual({ x: 0, y: 40, width: 800, height: 600 })
  })

  it('without a saved position the default size is fitted and centred; a broken file means defaults', () => {
    expect(fitBounds(undefined, { x: 0, y: 0, width: 1280, height: 760 })).toEqual({ x: 0, y: 0, width: 1280, height: 760 })
    expect(fitBounds(undefined, { x: 0, y: 25, width: 2560, height: 1415 })).toEqual({ x: 580, y: 283, width: 1400, height: 900 })
    const file = join(mkdtempSync(join(tmpdir(), 'tracedeck-state-')), 'window-state.json')
    writeFileSync(file, '{"bounds": {"x": "left"}')
    expect(loadWindowState(file)).toEqual({})
  })
})
