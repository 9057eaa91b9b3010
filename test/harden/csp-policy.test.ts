/**
 * Audit finding 13, the static parts: one Content-Security-Policy (the page's meta tag says what
 * the header says, but frame-ancestors, which a meta tag cannot carry), no 'unsafe-inline' or
 * 'unsafe-eval' anywhere; a packaged app ignores ELECTRON_RENDERER_URL.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../src/main/host/security'
import { devServerUrl, markPackaged } from '../../src/main/shell/window'

const directives = (policy: string) =>
  policy
    .split(';')
    .map((d) => d.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
    .sort()

describe('one Content-Security-Policy', () => {
  it("the page's meta tag and the served header agree, without unsafe-*", () => {
    const html = readFileSync('src/renderer/index.html', 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)![1]
    expect(directives(meta)).toEqual(
      directives(CONTENT_SECURITY_POLICY).filter((d) => !d.startsWith('frame-ancestors')),
    )
    expect(`${meta} ${CONTENT_SECURITY_POLICY}`).not.toMatch(/unsafe-/)
  })
})

describe('the dev server URL', () => {
  it('is honoured in development only, never in a packaged app', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173' }
    markPackaged(false)
    expect(devServerUrl(env)).toBe('http://127.0.0.1:5173')
    markPackaged(true)
    expect(devServerUrl(env)).toBeUndefined()
    markPackaged(false)
  })
})
