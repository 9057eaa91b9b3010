import { describe, expect, it } from 'vitest'
import { isolatedText, visibleControls } from './display-text'

describe('untrusted text as drawn', () => {
  it('shows bidi overrides and control characters visibly', () => {
    expect(visibleControls('ab\u202Ecd')).toBe('ab⟨U+202E⟩cd')
    expect(visibleControls('a\u0000b\u001bc\u007f')).toBe('a␀b␛c␡')
    expect(visibleControls('plain name\tx')).toBe('plain name\tx')
  })

  it('isolates the text so it cannot reorder what follows', () => {
    const label = `${isolatedText('tool\u202E')}  40 ms`
    expect(label).toBe('\u2068tool⟨U+202E⟩\u2069  40 ms')
    expect(label).not.toMatch(/[\u202a-\u202e]/)
  })
})
