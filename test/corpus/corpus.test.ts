/**
 * The corpus check (`npm run corpus`) as a test: every file of ../shared/corpus (real exports of
 * other projects, outside the repository) imports through the real pipeline and matches the
 * facts its manifest.json states. Skipped, with a warning, where the corpus is absent.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkFile, readManifest } from '../../src/cli/commands/corpus-check'
import { createLibrary } from '../../src/main/core/library-service'

const DIR = resolve(__dirname, '../../../shared/corpus')
const present = existsSync(resolve(DIR, 'manifest.json'))
if (!present) console.warn(`[corpus] SKIPPED: no corpus at ${DIR} (it lives outside the repository)`)

describe.skipIf(!present)('corpus files match their manifest', () => {
  const lib = present ? createLibrary({ dbPath: ':memory:', useWorker: false }) : undefined
  afterAll(() => lib?.close())
  const entries = present ? readManifest(DIR) : []
  entries.forEach((entry, i) => {
    it(entry.file, async () => {
      const r = await checkFile(lib!.handlers, DIR, entry, i)
      expect(r.problems).toEqual([])
      expect(r.format).not.toBeNull()
    })
  })
})
