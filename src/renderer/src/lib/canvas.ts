/** Canvas helpers: device-pixel sizing, CSS colour tokens, text fitting. */

/**
 * Sizes a canvas backing store to its CSS box × devicePixelRatio and returns a context already
 * scaled, so drawing code works in CSS pixels. Returns the CSS size.
 */
export function fitCanvas(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
): CanvasRenderingContext2D | null {
  const dpr = Math.max(1, Math.min(3, window.devicePixelRatio || 1))
  const w = Math.max(1, Math.round(width * dpr))
  const h = Math.max(1, Math.round(height * dpr))
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w
    canvas.height = h
    canvas.style.width = `${width}px`
    canvas.style.height = `${height}px`
  }
  const ctx = canvas.getContext('2d', { alpha: true })
  ctx?.setTransform(dpr, 0, 0, dpr, 0, 0)
  return ctx
}

/** Reads CSS custom properties (design tokens) once, for canvas code that cannot use var(). */
export function readTokens<K extends string>(el: Element, names: readonly K[]): Record<K, string> {
  const style = getComputedStyle(el)
  const out = {} as Record<K, string>
  for (const name of names) out[name] = style.getPropertyValue(`--${name}`).trim() || '#888'
  return out
}

/**
 * Truncates text to fit `maxWidth` with an ellipsis. Uses an average glyph width estimate first
 * so most labels need one measureText call, not one per character.
 */
export function fitText(
  ctx: CanvasRenderingContext2D,
  text: string,
  maxWidth: number,
  charWidth: number,
): string {
  if (maxWidth <= charWidth * 2) return ''
  if (text.length * charWidth <= maxWidth * 0.9) return text
  let n = Math.min(text.length, Math.floor(maxWidth / charWidth))
  let candidate = n < text.length ? `${text.slice(0, Math.max(0, n - 1))}…` : text
  while (n > 1 && ctx.measureText(candidate).width > maxWidth) {
    n = Math.floor(n * 0.85)
    candidate = `${text.slice(0, n - 1)}…`
  }
  return n > 1 ? candidate : ''
}

/** A colour with alpha, from "#rrggbb". Other colour syntaxes are returned unchanged. */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex)
  if (!m) return hex
  const v = parseInt(m[1], 16)
  return `rgba(${(v >> 16) & 255},${(v >> 8) & 255},${v & 255},${alpha})`
}

/** "#rrggbb" → packed ABGR for ImageData writes (little-endian Uint32 view). */
export function packColor(hex: string, alpha = 255): number {
  const m = /^#([0-9a-f]{6})$/i.exec(hex)
  const v = m ? parseInt(m[1], 16) : 0x888888
  return ((alpha << 24) | ((v & 255) << 16) | (v & 0xff00) | ((v >> 16) & 255)) >>> 0
}

/** Black or white, whichever reads better on the "#rrggbb" background. */
export function readableOn(hex: string): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex)
  if (!m) return '#ffffff'
  const v = parseInt(m[1], 16)
  const lin = (c: number): number => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  const l = 0.2126 * lin((v >> 16) & 255) + 0.7152 * lin((v >> 8) & 255) + 0.0722 * lin(v & 255)
  return l > 0.36 ? '#111318' : '#ffffff'
}
