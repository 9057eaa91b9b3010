/**
 * Building a shared replay page (src/main/core/share) from a real library: what the receiver gets
 * is decoded here byte for byte. Redaction really removes planted secrets, a step range keeps a
 * coherent tree, oversized payloads are cut with a notice and reported, the page's CSP admits
 * exactly its own inline script and style, and bad requests are refused by name.
 */
import { createHash } from 'node:crypto'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { supportAgentRun } from '../../src/main/core/compare/test-runs'
import type { Library } from '../../src/main/core/library-service'
import { ROOT } from '../e2e/harness'
import { buildShare } from '../../src/main/core/share/build-share'
import { loadShareBundle } from '../../src/main/core/share/page'
import {
  SECRET_ATTRIBUTE,
  SECRET_EVENT,
  SECRET_MESSAGE,
  SECRET_TOOL,
  bigPayloadTrace,
  libraryWith,
  readSharePage,
  secretTrace,
} from './fixtures'

let library: Library
let ids: Record<string, string[]>
let dir: string

beforeAll(async () => {
  ;({ library, ids, dir } = await libraryWith({
    'secret.json': secretTrace(),
    'sample.json': readFileSync(join(ROOT, 'resources/sample-agent-run.json'), 'utf8'),
    'big.json': bigPayloadTrace(300_000),
    'good.json': supportAgentRun({ seed: 1 }),
    'bad.json': supportAgentRun({ seed: 2, toolResult: 'No order 1234 found.' }),
  }))
})
afterAll(() => {
  library?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const share = (request: Parameters<Library['handlers']['exportShareHtml']>[0]) =>
  library.handlers.exportShareHtml(request)
const ALL = [SECRET_MESSAGE, SECRET_TOOL, SECRET_ATTRIBUTE, SECRET_EVENT]
const present = (text: string) => ALL.filter((s) => text.includes(s))

describe('redaction', () => {
  it('without redaction, every planted secret reaches the receiver (the check can see them)', async () => {
    const page = await share({ a: ids['secret.json'][0] })
    expect(present(readSharePage(page.html).text)).toEqual(ALL)
  })

  it('"payloads" removes inputs, outputs, attributes and event attributes', async () => {
    const page = await share({ a: ids['secret.json'][0], redaction: 'payloads' })
    const { head, spans, text } = readSharePage(page.html)
    expect(present(text)).toEqual([])
    expect(head.redaction).toBe('payloads')
    // The structure stays: every step, its name, its event names.
    expect(spans[0].map((s) => s.name)).toEqual([
      'billing agent',
      'chat gpt-4o',
      'refund_invoice',
      'chat gpt-4o',
    ])
    expect(spans[0][2].events.map((e) => e.name)).toEqual(['audit'])
    expect(spans[0].every((s) => !s.input && !s.output)).toBe(true)
  })

  it('"llm-messages" keeps only the chat messages of LLM calls', async () => {
    const page = await share({ a: ids['secret.json'][0], redaction: 'llm-messages' })
    const { spans, text } = readSharePage(page.html)
    expect(present(text)).toEqual([SECRET_MESSAGE])
    const [, chat, tool] = spans[0]
    expect(chat.input?.messages?.[0].text).toContain('Refund invoice 88')
    expect(chat.input?.value).toBeNull()
    expect(tool.input).toBeUndefined()
    expect(tool.output).toBeUndefined()
  })
})

describe('a range around a step', () => {
  it('keeps the steps around it and their enclosing steps, renumbered as one tree', async () => {
    const id = ids['sample.json'].find(Boolean)!
    const { trace } = await library.handlers.getTrace({ id })
    const full = await library.handlers.getSpanTable({ id })
    const page = await share({ a: id, range: { from: 3, to: 5 }, openAt: 4 })
    const { head, spans } = readSharePage(page.html)
    const [shared] = head.traces
    expect(shared.range).toEqual({ from: 3, to: 5, total: trace.spanCount, ancestors: 1 })
    expect(spans[0].length).toBe(4)
    expect(shared.table.count).toBe(4)
    // Kept names in order: the root, then original steps 4–6.
    const names = (i: number) => full.names[full.name[i]]
    expect(spans[0].map((s) => s.name)).toEqual([names(0), names(3), names(4), names(5)])
    spans[0].forEach((s, i) => {
      expect(s.index).toBe(i)
      if (s.parentIndex >= 0) {
        expect(s.parentIndex).toBeLessThan(i)
        expect(spans[0][s.parentIndex].depth).toBe(s.depth - 1)
      }
    })
    expect(shared.table.parentIndex).toEqual(spans[0].map((s) => s.parentIndex))
    // Original step 5 (0-based 4) is the third kept step.
    expect(head.openAt).toBe(2)
  })

  it('reports cuts in a range with the step the receiver sees and the original step', async () => {
    const id = ids['sample.json'].find(Boolean)!
    const page = await share({ a: id, range: { from: 3, to: 5 }, payloadLimit: 1024 })
    expect(page.cut.length).toBeGreaterThan(0)
    const kept = [0, 3, 4, 5]
    for (const c of page.cut) expect(c.originalStep ?? c.step).toBe(kept[c.step])
    expect(page.cut.some((c) => c.originalStep !== undefined)).toBe(true)
  })

  it('refuses a range past the end, naming the trace and its length', async () => {
    const id = ids['sample.json'][0]
    const { trace } = await library.handlers.getTrace({ id })
    await expect(share({ a: id, range: { from: 0, to: trace.spanCount } })).rejects.toThrow(
      `Trace ${id} has ${trace.spanCount} steps`,
    )
  })
})

describe('the bound on steps per file', () => {
  it('refuses a trace over the bound by name and takes a range of it instead', async () => {
    const id = (await library.handlers.listTraces({})).find((t) => t.spanCount === 9)!.id
    const small = { maxSpans: 5 }
    await expect(
      buildShare(library.handlers, { a: id }, '0.0.0', loadShareBundle(), small),
    ).rejects.toThrow(
      `Trace ${id} has 9 steps; a shared file holds at most 5: share a range around a step`,
    )
    await expect(
      buildShare(
        library.handlers,
        { a: id, range: { from: 0, to: 6 } },
        '0.0.0',
        loadShareBundle(),
        small,
      ),
    ).rejects.toThrow('choose a smaller range')
    const page = await buildShare(
      library.handlers,
      { a: id, range: { from: 2, to: 5 } },
      '0.0.0',
      loadShareBundle(),
      small,
    )
    expect(page.spans).toBe(5) // four steps and their root
  })
})

describe('the size limit per payload', () => {
  it('cuts larger payloads, says so in the payload, and reports each cut', async () => {
    const id = ids['big.json'][0]
    const page = await share({ a: id, payloadLimit: 64 * 1024 })
    expect(page.cut).toEqual([
      expect.objectContaining({ traceId: id, step: 1, spanName: 'fetch_report', side: 'output' }),
    ])
    expect(page.cut[0].chars).toBeGreaterThan(300_000)
    const { head, spans } = readSharePage(page.html)
    expect(head.cut).toEqual(page.cut)
    const value = spans[0][1].output?.value as string
    expect(value.startsWith('[tracedeck: this output was')).toBe(true)
    // What follows the notice is the start of the text itself, not its JSON envelope.
    expect(value).toMatch(/library\.\]\n\nline of the report\. line of the report\./)
    expect(value.length).toBeLessThan(64 * 1024 + 300)
    // The small input stays whole.
    expect(spans[0][1].input?.value).toBe('quarterly report')
  })
})

describe('the page', () => {
  it('allows by hash exactly its one inline script and one style, and nothing else', async () => {
    const { html } = await share({ a: ids['sample.json'][0], note: 'see step 5 </script><b>x</b>' })
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]
    expect(csp).toMatch(/^default-src 'none'; /)
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1])
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1])
    expect(scripts).toHaveLength(1)
    expect(styles).toHaveLength(1)
    const hash = (t: string) => createHash('sha256').update(t).digest('base64')
    expect(csp).toContain(`script-src 'sha256-${hash(scripts[0])}'`)
    expect(csp).toContain(`style-src 'sha256-${hash(styles[0])}'`)
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/)
    // The note travels compressed inside the data block, never as markup.
    expect(html).not.toContain('<b>x</b>')
    expect(readSharePage(html).head.note).toBe('see step 5 </script><b>x</b>')
  })

  it('a comparison carries both traces and both orders of the comparison', async () => {
    const [a] = ids['good.json']
    const [b] = ids['bad.json']
    const page = await share({ a, b })
    const { head, spans } = readSharePage(page.html)
    expect(head.kind).toBe('compare')
    expect(head.traces.map((t) => t.detail.trace.id)).toEqual([a, b])
    expect(head.comparisons?.map((c) => [c.a.id, c.b.id])).toEqual([
      [a, b],
      [b, a],
    ])
    expect(head.comparisons?.[0]).toEqual(await library.handlers.compareTraces({ a, b }))
    expect(spans.map((s) => s.length)).toEqual([4, 4])
    await expect(share({ a, b, range: { from: 0, to: 1 } })).rejects.toThrow(/shared whole/)
  })
})
