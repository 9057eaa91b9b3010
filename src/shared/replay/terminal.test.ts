import { describe, expect, it } from 'vitest'
import { cleanText, cut, keyValueLines, panel, visibleWidth, wrap } from './terminal'

describe('terminal panels', () => {
  it('draws a rounded box of the given width with a title, ignoring colour codes', () => {
    const box = panel(['\u001b[32mhello\u001b[39m'], 20, 'Replay')
    expect(box[0]).toBe('╭── Replay ────────╮')
    expect(box.every((line) => visibleWidth(line) === 20)).toBe(true)
    expect(box[2]).toContain('hello')
    expect(box[box.length - 1]).toBe(`╰${'─'.repeat(18)}╯`)
  })

  it('lays out key/value rows with wrapped values under each other', () => {
    const lines = keyValueLines(
      [
        ['step', '3/9'],
        ['input', 'a'.repeat(25)],
      ],
      20,
    )
    expect(lines).toEqual([
      'step    3/9',
      `input   ${'a'.repeat(12)}`,
      `        ${'a'.repeat(12)}`,
      '        a',
    ])
  })

  it('clips long values to a few lines', () => {
    const lines = keyValueLines([['output', 'x'.repeat(500)]], 30, 2)
    expect(lines).toHaveLength(2)
    expect(lines[1].endsWith('…')).toBe(true)
  })

  it('never lets trace content move the cursor or colour the terminal', () => {
    expect(cleanText('a\u001b[2Jb\nc')).toBe('a�[2Jb c')
  })

  it('wraps at spaces when it can and cuts with an ellipsis', () => {
    expect(wrap('hello world again', 12)).toEqual(['hello world', 'again'])
    expect(cut('abcdef', 4)).toBe('abc…')
  })
})
