/**
 * Audit findings 4, 5 and 6: streamed detection must not depend on where a big field sits; ISO
 * years 0001–0099 are stored as written (not 1900 years later) with a warning; UTF-16 and
 * UTF-32 JSON with a byte-order mark import like UTF-8.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/main/core/store/connection'
import { importFile, type ImportFileOptions } from '../../src/main/core/import/pipeline'
import { loadPriceTable } from '../../src/main/core/pricing/price-table'
import { isoToMicros } from '../../src/main/core/import/formats/common/time'
import { langfuseApi } from '../golden/fixtures/langfuse'
import { jaegerBare } from '../golden/fixtures/jaeger'
import { importText, openLibrary, writeTemp } from '../golden/harness'

const prices = loadPriceTable()
const lib = openLibrary()
afterAll(() => lib.close())

function importInto(path: string, extra: Partial<ImportFileOptions> = {}) {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'tracedeck-enc-')), 'library.db')
  return importFile(openDatabase(dbPath), { path, prices, dbPath, ...extra })
}

describe('streamed detection wherever a big field sits', () => {
  it('a Langfuse export whose 17 MB trace input precedes its observations imports', async () => {
    const { observations, ...trace } = JSON.parse(langfuseApi()) as Record<string, unknown>
    // Past both head probes (1 MB and 16 MB): only the skeleton reaches "observations".
    const input = { messages: [{ role: 'user', content: 'é'.repeat(9 << 20) }] }
    const path = writeTemp(JSON.stringify({ ...trace, input, observations }), 'big.json')
    const whole = await importInto(path)
    const streamed = await importInto(path, { streamThreshold: 0 })
    expect(whole.error).toBeUndefined()
    expect(streamed.error).toBeUndefined()
    expect(streamed.format).toBe('langfuse')
    expect(streamed.traces.map((t) => t.spanCount)).toEqual(whole.traces.map((t) => t.spanCount))
  }, 120_000)
})

describe('text encodings', () => {
  const text = jaegerBare()
  const bom = (enc: 'utf16le' | 'utf16be' | 'utf32le' | 'utf32be'): Buffer => {
    if (enc === 'utf16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    if (enc === 'utf16be') return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])
    const cps = [0xfeff, ...Array.from(text, (c) => c.codePointAt(0)!)]
    const out = Buffer.alloc(cps.length * 4)
    cps.forEach((cp, i) => (enc === 'utf32le' ? out.writeUInt32LE(cp, i * 4) : out.writeUInt32BE(cp, i * 4)))
    return out
  }

  it.each(['utf16le', 'utf16be', 'utf32le', 'utf32be'] as const)('%s with a BOM imports like UTF-8', async (enc) => {
    const utf8 = await importInto(writeTemp(text, 'run.json'))
    const other = await importInto(writeTemp(bom(enc) as unknown as string, `run-${enc}.json`))
    expect(other.error).toBeUndefined()
    expect(other.traces.map((t) => [t.name, t.spanCount])).toEqual(
      utf8.traces.map((t) => [t.name, t.spanCount]),
    )
  })
})

describe('dates in years 0001–0099', () => {
  it('are parsed exactly', () => {
    expect(isoToMicros('0042-03-04T05:06:07.123456Z')).toBe(
      Date.parse('0042-03-04T05:06:07.123Z') * 1000 + 456,
    )
    expect(new Date(isoToMicros('0001-01-01 00:00:00')! / 1000).toISOString()).toBe(
      '0001-01-01T00:00:00.000Z',
    )
    expect(new Date(isoToMicros('0042-03-04T05:06:07Z')! / 1000).toISOString()).toBe(
      '0042-03-04T05:06:07.000Z',
    )
  })

  it('are stored as written, with a warning', async () => {
    // A Langfuse export whose timestamps say year 42 (ISO strings, read by the shared parser).
    const doc = langfuseApi().replaceAll('"2025-', '"0042-')
    const { report, traces } = await importText(lib, doc, 'ancient.json')
    expect(report.error).toBeUndefined()
    expect(new Date(traces[0].trace.start / 1000).toISOString()).toMatch(/^0042-06-01T12:00/)
    expect(report.warnings.join(' ')).toMatch(/0042-06-01.*implausible/)
  })
})
