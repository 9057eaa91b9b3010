/**
 * Test and benchmark support: bundles the import worker from source into a temp folder (the app
 * build puts it at out/main/import-worker.js), so worker tests do not depend on a full build.
 */
import { mkdirSync, mkdtempSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Builds worker.ts to node_modules/.cache/tracedeck-worker-XXXX/import-worker.mjs (inside the
 * project, so the bundle resolves better-sqlite3 from node_modules) and returns the path.
 */
export async function bundleImportWorker(): Promise<string> {
  const { build } = await import('rolldown')
  const here = fileURLToPath(new URL('.', import.meta.url))
  const cache = resolve(here, '../../../../node_modules/.cache')
  mkdirSync(cache, { recursive: true })
  const file = join(mkdtempSync(join(cache, 'tracedeck-worker-')), 'import-worker.mjs')
  await build({
    input: resolve(here, 'worker.ts'),
    platform: 'node',
    external: ['better-sqlite3', /^node:/],
    output: { file, format: 'esm' },
    logLevel: 'silent',
  })
  return file
}
