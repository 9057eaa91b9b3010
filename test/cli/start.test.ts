/**
 * `npm start` where Electron cannot run (no display here): one line saying why, then the same UI
 * served by the browser host at the printed URL, with the bundled sample available.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, expect, it } from 'vitest'

const dir = mkdtempSync(join(tmpdir(), 'tracedeck-start-'))
let child: ChildProcess | undefined

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r))
    child.kill('SIGTERM')
    await exited
  }
  rmSync(dir, { recursive: true, force: true })
})

it('falls back to the browser host with one clear line when there is no display', async () => {
  if (!existsSync(resolve('out/main/cli.js'))) throw new Error('out/ is missing: run "npm run build" first (npm test does)')
  const env: NodeJS.ProcessEnv = { ...process.env, TRACEDECK_DB: join(dir, 'library.db'), TRACEDECK_SKIP_BUILD: '1', NO_COLOR: '1' }
  delete env.DISPLAY
  delete env.WAYLAND_DISPLAY
  child = spawn(process.execPath, ['scripts/start.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  for (let i = 0; i < 300 && !/Open (http\S+)/.test(stdout); i++) {
    if (child.exitCode !== null) break
    await new Promise((r) => setTimeout(r, 100))
  }
  const url = /Open (http\S+)/.exec(stdout)?.[1]
  expect(url, `stdout: ${stdout}\nstderr: ${stderr}`).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/)

  const reasons = stderr.split('\n').filter((line) => line.includes('cannot start here'))
  expect(reasons).toHaveLength(1)
  expect(reasons[0]).toMatch(/^tracedeck: the desktop app cannot start here: there is no display .*Serving the same UI to your browser instead\.$/)

  const page = await fetch(url!)
  expect(page.status).toBe(200)
  expect(page.headers.get('content-type')).toMatch(/text\/html/)
  expect(await page.text()).toContain('<div id="root">')
  const token = new URL(url!).searchParams.get('token')!
  const info = await fetch(new URL('/api/appInfo', url), { method: 'POST', headers: { 'x-tracedeck-token': token }, body: '{}' })
  expect(await info.json()).toMatchObject({ hasSample: true, dbPath: join(dir, 'library.db') })
})
