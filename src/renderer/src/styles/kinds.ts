/**
 * Span-kind colours, defined once. CSS reads them as `--kind-<kind>` (injected by
 * `installKindTokens`); canvas code (timeline, minimap) reads the same values with `kindColor`.
 */
import { useSyncExternalStore } from 'react'
import { SPAN_KINDS, type SpanKind } from '../../../shared/model'

export type ColorScheme = 'light' | 'dark'

/** Kind → colour per scheme. Red is kept out on purpose: it means "error" everywhere. */
export const KIND_COLORS: Readonly<Record<SpanKind, Readonly<Record<ColorScheme, string>>>> = {
  llm: { light: '#7a5af8', dark: '#9e8cff' },
  tool: { light: '#dd7a12', dark: '#f2a54a' },
  retriever: { light: '#16966a', dark: '#3fc48d' },
  embedding: { light: '#0e98b0', dark: '#3cc8de' },
  agent: { light: '#2f6fe4', dark: '#6d9dff' },
  chain: { light: '#9a7048', dark: '#c49a6c' },
  guardrail: { light: '#b59300', dark: '#dfc03a' },
  handoff: { light: '#d4508a', dark: '#f07aae' },
  event: { light: '#557f9e', dark: '#80a6c4' },
  span: { light: '#868d97', dark: '#7d858f' },
}

/** Human label per kind (badges, legends). */
export const KIND_LABELS: Readonly<Record<SpanKind, string>> = {
  llm: 'LLM',
  tool: 'Tool',
  retriever: 'Retriever',
  embedding: 'Embedding',
  agent: 'Agent',
  chain: 'Chain',
  guardrail: 'Guardrail',
  handoff: 'Handoff',
  event: 'Event',
  span: 'Span',
}

/** Status colours for canvas code; CSS uses --ok / --warning / --error / --retry. */
export const STATUS_COLORS: Readonly<
  Record<'ok' | 'warning' | 'error' | 'retry', Record<ColorScheme, string>>
> = {
  ok: { light: '#15803d', dark: '#4ade80' },
  warning: { light: '#b45309', dark: '#fbbf24' },
  error: { light: '#dc2626', dark: '#f87171' },
  retry: { light: '#c2410c', dark: '#fb923c' },
}

const darkQuery = () =>
  typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia('(prefers-color-scheme: dark)')
    : null

/** The scheme the OS asks for right now. */
export function currentScheme(): ColorScheme {
  return darkQuery()?.matches ? 'dark' : 'light'
}

/** The colour of a kind in a scheme (default: the current one); unknown kinds get the span grey. */
export function kindColor(kind: SpanKind | string, scheme: ColorScheme = currentScheme()): string {
  return (KIND_COLORS[kind as SpanKind] ?? KIND_COLORS.span)[scheme]
}

/** React hook: the OS colour scheme, re-rendering when it changes (canvas redraws follow it). */
export function useColorScheme(): ColorScheme {
  return useSyncExternalStore(subscribeScheme, currentScheme, () => 'light')
}

function subscribeScheme(onChange: () => void): () => void {
  const query = darkQuery()
  query?.addEventListener('change', onChange)
  return () => query?.removeEventListener('change', onChange)
}

/** CSS text declaring `--kind-<kind>` for both schemes. */
export function kindTokensCss(): string {
  const block = (scheme: ColorScheme) =>
    SPAN_KINDS.map((kind) => `--kind-${kind}:${KIND_COLORS[kind][scheme]};`).join('')
  return `:root{${block('light')}}@media (prefers-color-scheme: dark){:root{${block('dark')}}}`
}

const installed = new WeakSet<Document>()

/**
 * Adds the kind tokens to the document once (called at start-up by main.tsx), as a constructed
 * stylesheet: the page's CSP (style-src 'self', no 'unsafe-inline') refuses a <style> element.
 */
export function installKindTokens(doc: Document = document): void {
  if (installed.has(doc)) return
  installed.add(doc)
  const sheet = new CSSStyleSheet()
  sheet.replaceSync(kindTokensCss())
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet]
}
