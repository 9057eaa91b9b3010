/**
 * Fixtures for the shared-replay tests: traces written by the OpenTelemetry SDK (one with planted
 * secrets in every place a payload can hide, one whose content is hostile HTML and script), a
 * library they are imported into, and a reader that opens a shared page's data block in Node the
 * way the page does (base64 → gunzip → JSON) so tests can search the bytes a receiver gets.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { SpanKind, SdkFixture } from '../fixtures/otlp-sdk'
import { createLibrary, type Library } from '../../src/main/core/library-service'
import { SHARE_DATA_ID, type ShareData, type ShareHead } from '../../src/shared/share-format'
import type { Span } from '../../src/shared/model'

export const SECRET_MESSAGE = 'sk-live-MESSAGE-7f3a9c'
export const SECRET_TOOL = 'sk-live-TOOLARG-41be02'
export const SECRET_ATTRIBUTE = 'sk-live-ATTRIB-99d1e4'
export const SECRET_EVENT = 'sk-live-EVENT-0c55aa'

/** An agent run with a secret in an LLM message, a tool's input and output, an attribute and an event. */
export function secretTrace(): string {
  const f = new SdkFixture('billing-agent')
  const root = f.start('billing agent', {
    at: 0,
    until: 4,
    attributes: { 'openinference.span.kind': 'AGENT', 'deploy.api_key': SECRET_ATTRIBUTE },
  })
  f.leaf('chat gpt-4o', {
    parent: root.span,
    kind: SpanKind.CLIENT,
    at: 0.1,
    until: 1.4,
    attributes: {
      'openinference.span.kind': 'LLM',
      'llm.model_name': 'gpt-4o',
      'llm.input_messages.0.message.role': 'user',
      'llm.input_messages.0.message.content': `Refund invoice 88 with key ${SECRET_MESSAGE}`,
      'llm.output_messages.0.message.role': 'assistant',
      'llm.output_messages.0.message.content': 'Calling the refund tool for invoice 88.',
      'llm.token_count.prompt': 30,
      'llm.token_count.completion': 10,
      'session.api_key': SECRET_ATTRIBUTE,
    },
  })
  f.leaf('refund_invoice', {
    parent: root.span,
    at: 1.5,
    until: 2.6,
    attributes: {
      'openinference.span.kind': 'TOOL',
      'tool.name': 'refund_invoice',
      'input.value': JSON.stringify({ invoice: 88, token: SECRET_TOOL }),
      'input.mime_type': 'application/json',
      'output.value': `refunded with ${SECRET_TOOL}`,
    },
    events: [{ name: 'audit', at: 2, attributes: { credential: SECRET_EVENT } }],
  })
  f.leaf('chat gpt-4o', {
    parent: root.span,
    kind: SpanKind.CLIENT,
    at: 2.7,
    until: 3.9,
    attributes: {
      'openinference.span.kind': 'LLM',
      'llm.model_name': 'gpt-4o',
      'llm.input_messages.0.message.role': 'user',
      'llm.input_messages.0.message.content': 'Was the refund done?',
      'llm.output_messages.0.message.role': 'assistant',
      'llm.output_messages.0.message.content': 'Yes: invoice 88 is refunded.',
      'llm.token_count.prompt': 50,
      'llm.token_count.completion': 9,
    },
  })
  root.end()
  return f.json()
}

const MARK = 'window.__xss=(window.__xss||0)+1'
export const HOSTILE = {
  img: `<img src=x onerror="${MARK}">`,
  script: `<script>${MARK}</script>`,
  svg: `<svg onload="${MARK}"></svg>`,
  link: '[click me](javascript:window.__xss=1)',
  remote: '![pixel](https://tracker.example/pixel.png)',
}
export const EVIL = `Done. ${HOSTILE.img} ${HOSTILE.script} ${HOSTILE.svg} **bold** ${HOSTILE.link} ${HOSTILE.remote}`

/** An agent run whose names, messages, payloads, attributes and error carry HTML and script. */
export function hostileTrace(): string {
  const f = new SdkFixture('xss-agent')
  const root = f.start(`agent ${HOSTILE.img}`, {
    at: 0,
    until: 3,
    attributes: { 'openinference.span.kind': 'AGENT' },
  })
  f.leaf('chat gpt-4o', {
    parent: root.span,
    kind: SpanKind.CLIENT,
    at: 0.1,
    until: 1.2,
    attributes: {
      'openinference.span.kind': 'LLM',
      'llm.model_name': 'gpt-4o',
      'llm.input_messages.0.message.role': 'user',
      'llm.input_messages.0.message.content': `Summarise: ${HOSTILE.script} ${HOSTILE.img}`,
      'llm.output_messages.0.message.role': 'assistant',
      'llm.output_messages.0.message.content': EVIL,
      'html.attribute': HOSTILE.svg,
    },
  })
  f.leaf(`render_page ${HOSTILE.svg}`, {
    parent: root.span,
    at: 1.3,
    until: 2,
    attributes: {
      'openinference.span.kind': 'TOOL',
      'input.value': JSON.stringify({ html: `${HOSTILE.script}${HOSTILE.img}` }),
      'input.mime_type': 'application/json',
      'output.value': EVIL,
    },
    error: { type: 'RenderError', message: `failed on ${HOSTILE.img}`, stack: HOSTILE.script },
  })
  root.end()
  return f.json()
}

/** A fresh library in a temporary folder with `files` (name → content) imported in-process. */
export async function libraryWith(
  files: Record<string, string>,
): Promise<{ library: Library; dir: string; ids: Record<string, string[]> }> {
  const dir = mkdtempSync(join(tmpdir(), 'tracedeck-share-'))
  const library = createLibrary({ dbPath: join(dir, 'library.db'), useWorker: false })
  const paths = Object.entries(files).map(([name, text]) => {
    const path = join(dir, name)
    writeFileSync(path, text)
    return path
  })
  const reports = await library.handlers.importFiles({ paths, jobId: 'fixtures' })
  const ids: Record<string, string[]> = {}
  for (const [k, report] of reports.entries()) {
    if (report.error) throw new Error(`fixture ${Object.keys(files)[k]}: ${report.error}`)
    ids[Object.keys(files)[k]] = report.traces.map((t) => t.id)
  }
  return { library, dir, ids }
}

/** The data block of a shared page, decoded as the page decodes it. */
export function readSharePage(html: string): { head: ShareHead; spans: Span[][]; text: string } {
  const match = new RegExp(
    `<script type="application/json" id="${SHARE_DATA_ID}">([^<]*)</script>`,
  ).exec(html)
  if (!match) throw new Error('the page has no share data block')
  const data = JSON.parse(match[1]) as ShareData
  const unpack = (b64: string) => gunzipSync(Buffer.from(b64, 'base64')).toString('utf8')
  const headText = unpack(data.head)
  const chunkTexts = data.chunks.map((chunks) => chunks.map(unpack))
  return {
    head: JSON.parse(headText) as ShareHead,
    spans: chunkTexts.map((chunks) => chunks.flatMap((t) => JSON.parse(t) as Span[])),
    // Every byte the receiver gets, decompressed: the page itself, the head and every chunk.
    text: [html, headText, ...chunkTexts.flat()].join('\n'),
  }
}

/** A run with one tool whose output is `chars` long (for the per-payload size limit). */
export function bigPayloadTrace(chars: number): string {
  const f = new SdkFixture('report-agent')
  const root = f.start('report agent', {
    at: 0,
    until: 2,
    attributes: { 'openinference.span.kind': 'AGENT' },
  })
  f.leaf('fetch_report', {
    parent: root.span,
    at: 0.1,
    until: 1.5,
    attributes: {
      'openinference.span.kind': 'TOOL',
      'input.value': 'quarterly report',
      'output.value': 'line of the report. '.repeat(Math.ceil(chars / 20)).slice(0, chars),
    },
  })
  root.end()
  return f.json()
}
