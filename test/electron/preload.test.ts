/**
 * The preload without Electron: it exposes exactly `window.tracedeck = {api, on, pathForFile}`,
 * `api` has exactly the contract's verbs, each invokes its channel and unwraps the envelope
 * (throwing Error(message) with .code on failure), `on` only accepts the contract's events.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { API_EVENTS, API_VERBS, type HostBridge } from '../../src/shared/api'
import { decodeErrorCode } from '../../src/shared/error-code'

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>()
  return {
    listeners,
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: {
      invoke: vi.fn(async (channel: string, request: unknown): Promise<unknown> => {
        if (channel === 'tracedeck:api:getTrace') return { ok: false, error: { code: 'not-found', message: 'No trace with id x' } }
        if (channel === 'tracedeck:api:listSessions') return 'not an envelope'
        return { ok: true, value: { channel, request } }
      }),
      on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set())
        listeners.get(channel)!.add(listener)
      }),
      removeListener: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
        listeners.get(channel)?.delete(listener)
      }),
    },
    webUtils: { getPathForFile: vi.fn((file: { name: string }) => (file.name === 'memory.json' ? '' : `/home/me/${file.name}`)) },
  }
})
vi.mock('electron', () => electron)

let bridge: HostBridge

beforeAll(async () => {
  await import('../../src/preload/index')
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1)
  const [name, exposed] = electron.contextBridge.exposeInMainWorld.mock.calls[0]
  expect(name).toBe('tracedeck')
  bridge = exposed as HostBridge
})

describe('preload bridge', () => {
  it('exposes only api, on and pathForFile', () => {
    expect(Object.keys(bridge).sort()).toEqual(['api', 'on', 'pathForFile'])
  })

  it('exposes exactly the verbs of the contract', () => {
    expect(Object.keys(bridge.api).sort()).toEqual([...API_VERBS].sort())
    for (const verb of API_VERBS) expect(typeof bridge.api[verb]).toBe('function')
  })

  it('invokes each verb on its channel and returns the unwrapped value', async () => {
    for (const verb of API_VERBS) {
      if (verb === 'getTrace' || verb === 'listSessions') continue
      const request = { probe: verb }
      const value = await (bridge.api[verb] as (request: unknown) => Promise<unknown>)(request)
      expect(value).toEqual({ channel: `tracedeck:api:${verb}`, request })
    }
  })

  it('throws Error(message) with the code on an error envelope, the code also in the message', async () => {
    const error = await bridge.api.getTrace({ id: 'x' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    // contextBridge drops .code; "[code] message" survives it and the renderer splits it off.
    expect((error as Error).message).toBe('[not-found] No trace with id x')
    expect(decodeErrorCode((error as Error).message)).toEqual({ code: 'not-found', message: 'No trace with id x' })
    expect((error as { code?: string }).code).toBe('not-found')
    await expect(bridge.api.listSessions({})).rejects.toThrow(/Malformed reply to listSessions/)
  })

  it('subscribes to the contract events only, passing the payload alone, and unsubscribes', () => {
    const seen: unknown[] = []
    const off = bridge.on('libraryChanged', (payload) => seen.push(payload))
    const channel = 'tracedeck:event:libraryChanged'
    for (const listener of electron.listeners.get(channel) ?? []) listener({ sender: 'ipc internals' }, { reason: 'import' })
    expect(seen).toEqual([{ reason: 'import' }])
    off()
    expect(electron.listeners.get(channel)?.size).toBe(0)
    expect(() => bridge.on('ipc-message' as never, () => {})).toThrow(/Unknown tracedeck event/)
    for (const event of API_EVENTS) bridge.on(event, () => {})()
  })

  it('resolves dropped files to their paths with webUtils', async () => {
    expect(await bridge.pathForFile({ name: 'run.json' } as File)).toBe('/home/me/run.json')
    await expect(bridge.pathForFile({ name: 'memory.json' } as File)).rejects.toThrow(/not a file on disk/)
  })
})
