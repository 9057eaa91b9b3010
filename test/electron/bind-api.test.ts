/**
 * The Electron binding of the contract without the Electron binary: every verb is bound to
 * ipcMain.handle on its channel, payloads are validated before any handler runs, untrusted
 * senders are refused, and failures come back as error envelopes (never thrown).
 */
import type { IpcMainInvokeEvent } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { API_VERBS, ApiError } from '../../src/shared/api'
import type { Handlers } from '../../src/main/core/library'
import { bindApi } from '../../src/main/ipc/bind-api'

type Listener = (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>

function fakeIpcMain() {
  const handlers = new Map<string, Listener>()
  return {
    handlers,
    handle: vi.fn((channel: string, listener: Listener) => void handlers.set(channel, listener)),
    removeHandler: vi.fn((channel: string) => void handlers.delete(channel)),
    on: vi.fn(),
    removeListener: vi.fn(),
  }
}

function recordingHandlers() {
  const calls: [string, unknown][] = []
  const handlers = Object.fromEntries(
    API_VERBS.map((verb) => [
      verb,
      async (request: unknown) => {
        calls.push([verb, request])
        if (verb === 'getTrace') throw new ApiError('not-found', 'No trace with id nope')
        if (verb === 'deleteTraces') throw new Error('disk I/O error')
        return `${verb}-result`
      },
    ]),
  ) as unknown as Handlers
  return { handlers, calls }
}

const fromApp = { senderFrame: { url: 'file:///app/out/renderer/index.html' } } as unknown as IpcMainInvokeEvent

describe('Electron IPC binding', () => {
  it('binds every verb of the contract to its own channel, and unbinds them', () => {
    const ipc = fakeIpcMain()
    const unbind = bindApi(ipc, recordingHandlers().handlers)
    expect([...ipc.handlers.keys()].sort()).toEqual(API_VERBS.map((verb) => `tracedeck:api:${verb}`).sort())
    unbind()
    expect(ipc.handlers.size).toBe(0)
  })

  it('answers a valid call with an ok envelope holding the handler result', async () => {
    const ipc = fakeIpcMain()
    const { handlers, calls } = recordingHandlers()
    bindApi(ipc, handlers)
    const reply = await ipc.handlers.get('tracedeck:api:getSpan')!(fromApp, { traceId: 't1', index: 2 })
    expect(reply).toEqual({ ok: true, value: 'getSpan-result' })
    expect(calls).toEqual([['getSpan', { traceId: 't1', index: 2 }]])
  })

  it('rejects invalid payloads with an error envelope before any handler runs', async () => {
    const ipc = fakeIpcMain()
    const { handlers, calls } = recordingHandlers()
    bindApi(ipc, handlers)
    const invalid: [string, unknown][] = [
      ['getSpan', { traceId: 't1', index: -1 }],
      ['getSpan', { traceId: 't1' }],
      ['getTrace', { id: '' }],
      ['importFiles', { paths: [], jobId: 'j' }],
      ['importFiles', { paths: ['/a'], jobId: 'j', extra: 1 }],
      ['listTraces', { status: 'exploded' }],
      ['appInfo', 'not an object'],
      ['deleteTraces', { ids: 'all' }],
    ]
    for (const [verb, payload] of invalid) {
      const reply = (await ipc.handlers.get(`tracedeck:api:${verb}`)!(fromApp, payload)) as {
        ok: boolean
        error: { code: string; message: string }
      }
      expect(reply.ok, `${verb} ${JSON.stringify(payload)}`).toBe(false)
      expect(reply.error.code).toBe('bad-request')
      expect(reply.error.message).toContain(verb)
    }
    expect(calls).toHaveLength(0)
  })

  it('turns handler failures into error envelopes with their code', async () => {
    const ipc = fakeIpcMain()
    bindApi(ipc, recordingHandlers().handlers)
    expect(await ipc.handlers.get('tracedeck:api:getTrace')!(fromApp, { id: 'nope' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No trace with id nope' },
    })
    expect(await ipc.handlers.get('tracedeck:api:deleteTraces')!(fromApp, { ids: ['x'] })).toEqual({
      ok: false,
      error: { code: 'internal', message: 'disk I/O error' },
    })
  })

  it('refuses calls from a frame that is not the app', async () => {
    const ipc = fakeIpcMain()
    const { handlers, calls } = recordingHandlers()
    bindApi(ipc, handlers, { isTrustedSender: (event) => event.senderFrame?.url.startsWith('file:///app/') ?? false })
    const foreign = { senderFrame: { url: 'https://evil.example/' } } as unknown as IpcMainInvokeEvent
    const reply = (await ipc.handlers.get('tracedeck:api:appInfo')!(foreign, {})) as { ok: boolean; error: { message: string } }
    expect(reply.ok).toBe(false)
    expect(reply.error.message).toMatch(/does not come from the tracedeck window/)
    expect(calls).toHaveLength(0)
    expect(await ipc.handlers.get('tracedeck:api:appInfo')!(fromApp, {})).toEqual({ ok: true, value: 'appInfo-result' })
  })
})
