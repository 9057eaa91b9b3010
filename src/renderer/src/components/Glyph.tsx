/**
 * Toolbar glyphs drawn as inline SVG (16px grid): symbol characters such as ⏮ or 🔒 depend on
 * the fonts installed and render as empty boxes on many systems.
 */
import './glyph.css'

const PATHS = {
  first: 'M3.5 3v10M12.5 3.5 6 8l6.5 4.5z',
  prev: 'M11 3.5 4.5 8 11 12.5z',
  next: 'M5 3.5 11.5 8 5 12.5z',
  last: 'M12.5 3v10M3.5 3.5 10 8l-6.5 4.5z',
  play: 'M5 3l8 5-8 5z',
  pause: 'M4.5 3h2.5v10H4.5zM9 3h2.5v10H9z',
  lock: 'M4 7.5h8v6H4zM5.75 7.5V5.5a2.25 2.25 0 0 1 4.5 0v2',
  unlock: 'M4 7.5h8v6H4zM5.75 7.5V5.5a2.25 2.25 0 0 1 4.4-.7',
  swap: 'M2.5 5.5h10M10 3l2.5 2.5L10 8M13.5 10.5h-10M6 8l-2.5 2.5L6 13',
  divPrev: 'M10 3.5 5.5 8 10 12.5',
  divNext: 'M6 3.5 10.5 8 6 12.5',
} as const

const FILLED = new Set(['first', 'prev', 'next', 'last', 'play', 'pause'])

export type GlyphName = keyof typeof PATHS

/** A decorative toolbar glyph (the button carries the accessible name). */
export function Glyph({ name, size = 14 }: { name: GlyphName; size?: number }) {
  const filled = FILLED.has(name)
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      aria-hidden
      focusable="false"
      className="td-glyph"
    >
      <path
        d={PATHS[name]}
        fill={filled ? 'currentColor' : 'none'}
        stroke="currentColor"
        strokeWidth={filled ? 1 : 1.5}
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  )
}
