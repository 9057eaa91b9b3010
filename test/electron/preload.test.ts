/**
 * The built preload (out/preload/index.cjs) loaded the way Electron loads a sandboxed preload: in
 * a fresh vm context with no Node or DOM globals, wrapped like lib/sandboxed_renderer/preload.ts
 * (require, process, exports, module, Buffer, global, setImmediate, clearImmediate), `require`
 * serving only the modules a sandboxed preload may have, and Buffer undefined to catch any use.
 * What it exposes is copied out the way contextBridge copies (functions proxied, an Error's own
 * properties dropped), and its sendSync is answered by the real main-side binding.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { runInNewContext } from 'node:vm'
import type { IpcMainEvent } from 'electron'
import { beforeAll, describe, expect, it } from 'vitest'
import { API_EVENTS, API_VERBS, type HostBridge } from '../../src/shared/api'
import { decodeErrorCode } from '../../src/shared/error-code'
import type { Handlers } from '../../src/main/core/library'
import { bindApi } from '../../src/main/ipc/bind-api'

const PRELOAD = resolve('out/preload/index.cjs')
const SANDBOXED_MODULES = ['electron', 'electron/common', 'electron/renderer', 'events', 'node:events', 'timers', 'node:timers', 'url', 'node:url']

/** contextBridge's copy into the main world: plain data copied, functions proxied, errors reduced to their message. */
function bridgeCopy(value: unknown): unknown {
  if (typeof value === 'function') {
    return (...args: unknown[]) => {
      const result = (value as (...a: unknown[]) => unknown)(...args)
      if (result instanceof Promise || (result && typeof (result as Promise<unknown>).then === 'function')) {
        return (result as Promise<unknown>).then(bridgeCopy, (error: Error) => Promise.reject(new Error(error.message)))
      }
      return bridgeCopy(result)
    }
  }
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, bridgeCopy(inner)]))
  return value
}

const listeners = new Map<string, Set<(...args: unknown[]) => void>>()
const required: string[] = []
const exposed: Record<string, unknown> = {}
let contractListener: ((event: IpcMainEvent) => void) | undefined

const electron = {
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => void (exposed[name] = bridgeCopy(api)) },
  ipcRenderer: {
    invoke: async (channel: string, request: unknown): Promise<unknown> => {
      if (channel === 'tracedeck:api:getTrace') return { ok: false, error: { code: 'not-found', message: 'No trace with id x' } }
      if (channel === 'tracedeck:api:listSessions') return 'not an envelope'
      return { ok: true, value: { channel, request } }
    },
    sendSync: (channel: string) => {
      const event = { returnValue: undefined } as unknown as IpcMainEvent
      if (channel === 'tracedeck:contract') contractListener!(event)
      return event.returnValue
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set())
      listeners.get(channel)!.add(listener)
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => void listeners.get(channel)?.delete(listener),
  },
  webUtils: { getPathForFile: (file: { name: string }) => (file.name === 'memory.json' ? '' : `/home/me/${file.name}`) },
}

let bridge: HostBridge
let source: string

beforeAll(() => {
  source = readFileSync(PRELOAD, 'utf8')
  // The main side's real answer to the preload's one synchronous call.
  bindApi(
    { handle: () => {}, removeHandler: () => {}, on: (channel: string, listener: never) => void (channel === 'tracedeck:contract' && (contractListener = listener)), removeListener: () => {} } as never,
    {} as Handlers,
  )
  const sandboxRequire = (name: string) => {
    required.push(name)
    if (!SANDBOXED_MODULES.includes(name)) throw new Error(`module not found: ${name} (not available to a sandboxed preload)`)
    if (name.startsWith('electron')) return electron
    throw new Error(`the stand-in serves no ${name}`)
  }
  const wrapped = `(function (require, process, exports, module, Buffer, global, setImmediate, clearImmediate) {\n${source}\n})`
  const module = { exports: {} }
  const run = runInNewContext(wrapped, {}, { filename: PRELOAD }) as (...args: unknown[]) => void
  const sandboxProcess = { platform: 'linux', type: 'renderer', sandboxed: true, contextIsolated: true, argv: [], env: {}, versions: {} }
  run(sandboxRequire, sandboxProcess, module.exports, module, undefined, {}, setImmediate, clearImmediate)
  bridge = exposed.tracedeck as HostBridge
})

describe('the built preload in a sandboxed-preload emulation', () => {
  it('requires only electron and exposes only window.tracedeck = {api, on, pathForFile}', () => {
    expect(required).toEqual(['electron'])
    expect(Object.keys(exposed)).toEqual(['tracedeck'])
    expect(Object.keys(bridge).sort()).toEqual(['api', 'on', 'pathForFile'])
  })

  it('carries no validation library (it used to bundle all of zod for two lists of names)', () => {
    expect(source).not.toMatch(/ZodError|safeParse|\$ZodType/)
    expect(source.length).toBeLessThan(20_000)
  })

  it('binds exactly the verbs the contract declares, learnt from the main process', () => {
    expect(Object.keys(bridge.api)).toEqual(API_VERBS)
  })

  it('invokes each verb on its channel and returns the unwrapped value', async () => {
    for (const verb of API_VERBS) {
      if (verb === 'getTrace' || verb === 'listSessions') continue
      const request = { probe: verb }
      expect(await (bridge.api[verb] as (request: unknown) => Promise<unknown>)(request)).toEqual({ channel: `tracedeck:api:${verb}`, request })
    }
  })

  it('an error envelope reaches the page as "[code] message", which survives contextBridge dropping .code', async () => {
    const error = (await bridge.api.getTrace({ id: 'x' }).catch((e: unknown) => e)) as Error
    expect(error.message).toBe('[not-found] No trace with id x')
    expect(decodeErrorCode(error.message)).toEqual({ code: 'not-found', message: 'No trace with id x' })
    await expect(bridge.api.listSessions({})).rejects.toThrow(/Malformed reply to listSessions/)
  })

  it('subscribes to the contract events only, passing the payload alone, and unsubscribes', () => {
    const seen: unknown[] = []
    const off = bridge.on('libraryChanged', (payload) => seen.push(payload))
    const channel = 'tracedeck:event:libraryChanged'
    for (const listener of listeners.get(channel) ?? []) listener({ sender: 'ipc internals' }, { reason: 'import' })
    expect(seen).toEqual([{ reason: 'import' }])
    off()
    expect(listeners.get(channel)?.size).toBe(0)
    expect(() => bridge.on('ipc-message' as never, () => {})).toThrow(/Unknown tracedeck event/)
    for (const event of API_EVENTS) bridge.on(event, () => {})()
  })

  it('resolves dropped files to their paths with webUtils, and names an in-memory file', async () => {
    expect(await bridge.pathForFile({ name: 'run.json' } as File)).toBe('/home/me/run.json')
    await expect(bridge.pathForFile({ name: 'memory.json' } as File)).rejects.toThrow(/"memory.json" is not a file on disk/)
  })
})
