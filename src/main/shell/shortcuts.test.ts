import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { shortcutLines } from './shortcuts'

describe('Help → Keyboard shortcuts', () => {
  it('lists every row of the documented controls table, control and keys', () => {
    const doc = readFileSync('docs/replay.md', 'utf8')
    const section = doc.split(/^## /m).find((part) => part.startsWith('Controls and keyboard'))!
    const rows = section.split('\n').filter((line) => line.startsWith('|')).length - 2
    const lines = shortcutLines(doc)
    expect(lines).toHaveLength(rows)
    expect(lines).toContain('Play / Pause: Space')
    expect(lines).toContain('Slowest span: S')
  })
})
