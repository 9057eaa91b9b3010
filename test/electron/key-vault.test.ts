/**
 * The desktop app's provider keys: sealed with safeStorage (here the recording stand-in) before
 * they reach providers.json, opened only to send a call, never returned; the CLI's plain vault
 * cannot open them and says so; a system without encryption refuses to store a key.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLibrary, type Library } from '../../src/main/core/library-service'
import { safeStorageVault } from '../../src/main/shell/key-vault'

// @ts-expect-error -- the stand-in is plain JavaScript with no declarations
vi.mock('electron', async () => await import('./stand-in/electron.mjs'))

const KEY = 'sk-desktop-secret-8080'
let libs: Library[] = []
afterEach(() => {
  libs.forEach((l) => l.close())
  libs = []
  delete process.env.FAKE_NO_ENCRYPTION
})

function open(dir: string, vault = true) {
  const lib = createLibrary({
    dbPath: join(dir, 'library.db'),
    useWorker: false,
    env: {},
    ...(vault ? { keyVault: safeStorageVault() } : {}),
  })
  libs.push(lib)
  return lib
}

describe('safeStorage key vault', () => {
  it('keeps the key encrypted on disk and out of every answer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracedeck-vault-'))
    const desktop = open(dir)
    const saved = await desktop.handlers.saveProvider({
      name: 'OpenAI',
      kind: 'openai',
      apiKey: KEY,
    })
    expect(saved.key).toEqual({ source: 'stored' })
    const file = readFileSync(join(dir, 'providers.json'), 'utf8')
    expect(file).not.toContain(KEY)
    expect(JSON.parse(file).providers[0].key.scheme).toBe('safeStorage')
    expect(desktop.reruns.providers.resolve(saved.id).apiKey).toBe(KEY)
    expect(JSON.stringify(await desktop.handlers.listProviders({}))).not.toContain(KEY)

    // The CLI on the same library cannot open it, and says where the key can come from instead.
    const cli = open(dir, false)
    const [seen] = await cli.handlers.listProviders({})
    expect(seen.key).toMatchObject({
      source: 'none',
      env: 'OPENAI_API_KEY',
      hint: 'the stored key is sealed by the desktop app and cannot be read here',
    })
  })

  it('refuses to store a key where the system has no encryption', async () => {
    process.env.FAKE_NO_ENCRYPTION = '1'
    const lib = open(mkdtempSync(join(tmpdir(), 'tracedeck-vault-')))
    await expect(
      lib.handlers.saveProvider({ name: 'x', kind: 'anthropic', apiKey: KEY }),
    ).rejects.toThrow(/offers no encrypted storage for the key/)
    expect(await lib.handlers.listProviders({})).toEqual([])
  })
})
