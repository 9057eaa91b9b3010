/** The step detail panel and its span cache, reused by replay and compare. */
export { SpanDetail } from './SpanDetail'
export { forgetTrace, loadSpan, prefetchSpan, useSpan } from './use-span'
