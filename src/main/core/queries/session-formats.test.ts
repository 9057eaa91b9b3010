/**
 * Sessions from real imports: the same generated conversation exported as OTLP (OTel SDK),
 * Langfuse downloads and an OpenAI Agents ingest body forms one session per format with the
 * totals the script states, and reads back turn by turn.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it as itAlways } from 'vitest'
import {
  agentsSessionJson,
  expectedSession,
  langfuseSessionFiles,
  otlpSessionJson,
  sessionScript,
} from '../../../../test/fixtures/multi-turn-session'
import { IMPORTERS } from '../import/registry'
import { createLibrary, type Library } from '../library-service'
import { queryHandlers } from './index'

const dir = mkdtempSync(join(tmpdir(), 'tracedeck-sessions-'))
const write = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

const script = (id: string) => sessionScript(id, 5, { failTurn: 3 })
const FORMATS: { name: string; format: string; id: string; files: () => string[] }[] = [
  {
    name: 'OTLP (OTel SDK)',
    format: 'otlp',
    id: 'sess-otlp',
    files: () => [write('otlp.json', otlpSessionJson(script('sess-otlp')))],
  },
  {
    name: 'Langfuse',
    format: 'langfuse',
    id: 'sess-langfuse',
    files: () => langfuseSessionFiles(script('sess-langfuse')).map((f) => write(f.name, f.text)),
  },
  {
    name: 'OpenAI Agents',
    format: 'openai-agents',
    id: 'sess-agents',
    files: () => [write('agents.json', agentsSessionJson(script('sess-agents')))],
  },
]

const libs: Library[] = []
afterAll(() => libs.forEach((l) => l.close()))

async function importAll(paths: string[]) {
  const lib = createLibrary({ dbPath: ':memory:', useWorker: false })
  libs.push(lib)
  const reports = await lib.handlers.importFiles({ paths, jobId: 'j' })
  for (const r of reports) expect(r.error, `${r.file}: ${r.error}`).toBeUndefined()
  return lib.handlers
}

// A format whose importer is not registered yet is reported as skipped, never as passing.
const registered = (format: string) => IMPORTERS.some((i) => i.format === format)
const READY = FORMATS.filter((f) => registered(f.format))

describe.each(FORMATS)('a session exported as $name', ({ id, files, format }) => {
  const it = registered(format) ? itAlways : itAlways.skip
  it('forms one session with the totals of its turns', async () => {
    const handlers = await importAll(files())
    const sessions = await handlers.listSessions({})
    expect(sessions.map((s) => s.id)).toEqual([id])
    const want = expectedSession(script(id))
    expect(sessions[0]).toMatchObject({
      ...want,
      totalTokens: want.inputTokens + want.outputTokens,
    })
    expect(sessions[0].models.some((m) => m.startsWith('gpt-4o'))).toBe(true)
    expect(sessions[0].cost).toBeGreaterThan(0) // estimated from the price table
  })

  it('reads turn by turn with the context growing', async () => {
    const handlers = await importAll(files())
    const { turns } = await handlers.getSession({ id })
    const s = script(id)
    expect(turns.map((t) => t.userInput)).toEqual(s.turns.map((t) => t.question))
    expect(turns.map((t) => t.response)).toEqual(s.turns.map((t) => (t.fails ? null : t.answer)))
    expect(turns.map((t) => t.contextTokens)).toEqual(s.turns.map((t) => t.inputTokens))
    expect(turns[3].status).toBe('error')
    expect(turns[3].error).toContain('Rate limit reached for gpt-4o')
    expect(turns[0].error).toBeNull()
    expect(turns[0].contextLimit).toBe(128_000)
    expect(turns[0].steps.length).toBe(2)
  })
})

describe('sessions across formats in one library', () => {
  itAlways('answers the two example questions', async () => {
    const handlers = await importAll(READY.flatMap((f) => f.files()))
    const all = await handlers.listSessions({})
    expect(all).toHaveLength(READY.length)
    const failed4o = await handlers.listSessions({ status: 'failed', model: 'gpt-4o' })
    expect(failed4o.map((s) => s.id).sort()).toEqual(READY.map((f) => f.id).sort())
    expect(await handlers.listSessions({ status: 'failed', model: 'gpt-4o-mini' })).toEqual([])
    // "The last 7 days" from a clock 3 days after the fixtures (2025-06-13), then 30 days after.
    const at = (days: number) =>
      queryHandlers(libs[libs.length - 1].db, () => Date.UTC(2025, 5, 13 + days))
    const costs = all.map((s) => s.cost).sort((a, b) => a - b)
    const threshold = costs[0] / 2
    expect((await at(3).listSessions({ since: '7d', minCost: threshold })).length).toBe(
      READY.length,
    )
    expect(await at(3).listSessions({ since: '7d', minCost: costs[costs.length - 1] * 2 })).toEqual(
      [],
    )
    expect(await at(30).listSessions({ since: '7d', minCost: threshold })).toEqual([])
  })
})
