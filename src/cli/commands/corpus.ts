/**
 * `tracedeck corpus [dir]` (`npm run corpus`): imports every file listed in `<dir>/manifest.json`
 * into a temporary library and compares each with the manifest's facts. One line per file, then
 * `N passed, N failed`; exit status 1 when any file fails. The default folder is the shared
 * corpus beside the repository (`../shared/corpus`).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { createLibrary } from '../../main/core/library-service'
import type { CliCommand } from '../context'
import { CliError } from '../errors'
import { checkFile, readManifest, type FileResult } from './corpus-check'

/** The repository root: the nearest folder above the running script (or cwd) with package.json. */
function repoRoot(): string {
  for (const start of [process.argv[1] ? dirname(resolve(process.argv[1])) : '', process.cwd()]) {
    let dir = start
    while (dir && dirname(dir) !== dir) {
      if (existsSync(join(dir, 'package.json'))) return dir
      dir = dirname(dir)
    }
  }
  return process.cwd()
}

/** Default corpus folder: `../shared/corpus` relative to the repository. */
export function defaultCorpusDir(): string {
  return resolve(repoRoot(), '..', 'shared', 'corpus')
}

export const corpusCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('corpus')
      .description('import every file of a corpus folder and compare it with its manifest.json')
      .argument('[dir]', 'folder with trace files and manifest.json', defaultCorpusDir())
      .option('--only <text>', 'check only files whose name contains this text')
      .action(async (dirArg: string, options: { only?: string }) => {
        const dir = resolve(dirArg)
        if (!existsSync(join(dir, 'manifest.json')))
          throw new CliError(`${dir} has no manifest.json`)
        const entries = readManifest(dir).filter(
          (e) => !options.only || e.file.includes(options.only),
        )
        const tmp = mkdtempSync(join(tmpdir(), 'tracedeck-corpus-'))
        const library = createLibrary({ dbPath: join(tmp, 'corpus.db'), useWorker: false })
        const results: FileResult[] = []
        try {
          for (const [i, entry] of entries.entries()) {
            const r = await checkFile(library.handlers, dir, entry, i)
            results.push(r)
            if (ctx.global().json) continue
            const { style } = ctx
            const head = r.ok ? style('green', 'PASS') : style('red', 'FAIL')
            ctx.print(`${head} ${r.file} (${r.format ?? 'not recognised'}, ${r.spans} spans)`)
            for (const p of r.problems) ctx.print(`     ${p}`)
          }
        } finally {
          library.close()
          rmSync(tmp, { recursive: true, force: true })
        }
        const failed = results.filter((r) => !r.ok).length
        if (ctx.global().json)
          ctx.printJson({ dir, results, passed: results.length - failed, failed })
        else ctx.print(`${results.length - failed} passed, ${failed} failed`)
        if (failed > 0)
          throw new CliError(`${failed} corpus file(s) do not match ${join(dir, 'manifest.json')}`)
      })
  },
}
