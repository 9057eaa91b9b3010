/**
 * The shared-file host is a third implementation of the API contract, over a page's data block.
 * Against the library that exported the page it must give the same answers for every read verb
 * (getTrace, getSpanTable, getSpan, searchSpans, compareTraces) and refuse every write or library
 * verb with "not available in a shared file". Runs in Node: the host uses only web platform
 * pieces Node has too (atob, Blob, DecompressionStream, Response).
 */
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_VERBS, type HostBridge } from '../../src/shared/api'
import { supportAgentRun } from '../../src/main/core/compare/test-runs'
import type { Library } from '../../src/main/core/library-service'
import { SHARE_DATA_ID, type ShareData, type ShareHead } from '../../src/shared/share-format'
import { spanTableFromBinary } from '../../src/shared/span-table-binary'
import { libraryWith, secretTrace } from './fixtures'

let library: Library
let dir: string
let ids: Record<string, string[]>
let host: HostBridge

/**
 * The host is renderer code (DOM types), outside the files this project type-checks: it is
 * loaded by path and typed by the part of it this test calls.
 */
interface ShareHostModule {
  createShareHost(head: ShareHead, data: ShareData): HostBridge
  readShareData(doc: unknown): ShareData
  readShareHead(data: ShareData): Promise<ShareHead>
}
const HOST_MODULE = '../../src/renderer/src/host/share-host'
let readShareData: ShareHostModule['readShareData']

/** The page's data block as the browser's DOM would give it. */
const fakeDocument = (html: string) => ({
  getElementById: (id: string) => {
    const m = new RegExp(`<script type="application/json" id="${id}">([^<]*)</script>`).exec(html)
    return m ? { textContent: m[1] } : null
  },
})

beforeAll(async () => {
  const hostModule = (await import(/* @vite-ignore */ HOST_MODULE)) as ShareHostModule
  readShareData = hostModule.readShareData
  ;({ library, dir, ids } = await libraryWith({
    'good.json': supportAgentRun({ seed: 1 }),
    'bad.json': supportAgentRun({ seed: 2, toolResult: 'No order 1234 found.', retryLookup: true }),
    'secret.json': secretTrace(),
  }))
  const { html } = await library.handlers.exportShareHtml({
    a: ids['good.json'][0],
    b: ids['bad.json'][0],
  })
  const data = readShareData(fakeDocument(html))
  host = hostModule.createShareHost(await hostModule.readShareHead(data), data)
})
afterAll(() => {
  library?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('the shared-file host', () => {
  it('answers the read verbs as the library does', async () => {
    for (const id of [ids['good.json'][0], ids['bad.json'][0]]) {
      expect(await host.api.getTrace({ id })).toEqual(await library.handlers.getTrace({ id }))
      const table = await host.api.getSpanTable({ id })
      expect(table).toEqual(JSON.parse(JSON.stringify(await library.handlers.getSpanTable({ id }))))
      expect(spanTableFromBinary(await host.api.getSpanColumns({ id }))).toEqual(table)
      for (let index = 0; index < table.count; index++) {
        expect(await host.api.getSpan({ traceId: id, index })).toEqual(
          await library.handlers.getSpan({ traceId: id, index }),
        )
      }
      for (const q of [
        { text: 'order' },
        { text: 'ORDER 12' },
        { text: 'found' },
        { text: 'arrives friday' },
        { text: 'nosuchword' },
        { kind: 'tool' },
        { status: 'retry' as const },
        { text: 'lookup', kind: 'tool' },
      ]) {
        expect(await host.api.searchSpans({ traceId: id, ...q }), JSON.stringify(q)).toEqual(
          await library.handlers.searchSpans({ traceId: id, ...q }),
        )
      }
    }
    const [a, b] = [ids['good.json'][0], ids['bad.json'][0]]
    expect(await host.api.compareTraces({ a, b })).toEqual(
      await library.handlers.compareTraces({ a, b }),
    )
    expect(await host.api.compareTraces({ a: b, b: a })).toEqual(
      await library.handlers.compareTraces({ a: b, b: a }),
    )
  })

  it('names what is not in the file', async () => {
    const [a] = ids['good.json']
    await expect(host.api.getTrace({ id: ids['secret.json'][0] })).rejects.toThrow(
      `No trace with id ${ids['secret.json'][0]} in this shared file`,
    )
    await expect(host.api.getSpan({ traceId: a, index: 99 })).rejects.toThrow(
      `Trace ${a} has no span 99`,
    )
  })

  it('refuses every verb that writes or needs a library, by name', async () => {
    expect(host.readOnly).toBe(true)
    const reads = [
      'appInfo',
      'listTraces',
      'getTrace',
      'getSpanTable',
      'getSpanColumns',
      'getSpan',
      'searchSpans',
      'compareTraces',
    ]
    const refused = API_VERBS.filter((v) => !reads.includes(v))
    expect(refused).toEqual(
      expect.arrayContaining(['importFiles', 'deleteTraces', 'importSample', 'exportShareHtml']),
    )
    for (const verb of refused) {
      const call = host.api[verb] as (r: unknown) => Promise<unknown>
      await expect(call({}), verb).rejects.toThrow(`${verb} is not available in a shared file`)
    }
    await expect(host.pathForFile(new File(['x'], 'x.json') as never)).rejects.toThrow(
      'not available in a shared file',
    )
  })

  it('a page without its data says so', () => {
    expect(() => readShareData(fakeDocument('<html></html>'))).toThrow(
      'This file has no tracedeck data in it',
    )
    expect(SHARE_DATA_ID).toBe('tracedeck-share-data')
  })
})
