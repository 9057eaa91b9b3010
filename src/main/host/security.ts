/**
 * The browser host's guards: a random per-run token, a Host-header allow-list (stops DNS
 * rebinding: a page on evil.example that resolves to 127.0.0.1 still sends Host: evil.example),
 * an Origin check for cross-site requests, and the security headers every response carries.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/** A fresh unguessable token (192 bits, URL-safe). */
export function newToken(): string {
  return randomBytes(24).toString('base64url')
}

/** Constant-time comparison, so the token cannot be guessed byte by byte from timings. */
export function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (typeof given !== 'string') return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** True when the Host header names this server by loopback address or localhost. */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false
  const value = host.toLowerCase()
  return value === `127.0.0.1:${port}` || value === `localhost:${port}`
}

/** A browser's Origin (sent on cross-site and on POST requests) must be this server too. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`
}

/**
 * The token a request carries: the header for API calls; the query string only for the event
 * stream, where a browser cannot send a header (EventSource). A token in the query of any other
 * `/api/` path is ignored: URLs end up in logs and histories.
 */
export function requestToken(req: IncomingMessage, url: URL): string | null {
  const header = req.headers['x-tracedeck-token']
  if (typeof header === 'string') return header
  return url.pathname === '/api/events' ? url.searchParams.get('token') : null
}

/** Content-Security-Policy of the served UI: nothing but our own scripts, no framing, no plugins. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** Headers on every response. No-referrer matters: the first URL carries the token. */
export const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
}
