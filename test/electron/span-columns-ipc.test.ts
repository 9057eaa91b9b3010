/**
 * A trace's span columns cross Electron IPC as the stored bytes: the main process neither parses
 * nor builds per-span objects, and what structured clone delivers to the renderer (a Uint8Array)
 * decodes to the same table the library holds.
 */
import type { IpcMainInvokeEvent } from 'electron'
import { afterAll, describe, expect, it } from 'vitest'
import { createLibrary } from '../../src/main/core/library-service'
import { agentTrace, tempFile, tracedeckExportText } from '../../src/main/core/import/test-fixtures'
import { bindApi } from '../../src/main/ipc/bind-api'
import { spanTableFromBinary } from '../../src/shared/span-table-binary'

type Listener = (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>

const library = createLibrary({ dbPath: ':memory:', useWorker: false })
afterAll(() => library.close())
const fromApp = {
  senderFrame: { url: 'file:///app/out/renderer/index.html' },
} as unknown as IpcMainInvokeEvent

describe('span columns over IPC', () => {
  it('are sent as the stored bytes and decode to the library table after structured clone', async () => {
    const path = tempFile('run.json', tracedeckExportText([agentTrace('t1')]))
    const [report] = await library.handlers.importFiles({ paths: [path], jobId: 'j' })
    const id = report.traces[0].id
    const channels = new Map<string, Listener>()
    const ipc = {
      handle: (c: string, l: Listener) => void channels.set(c, l),
      removeHandler: () => undefined,
      on: () => ipc,
      removeListener: () => ipc,
    }
    bindApi(ipc as unknown as Parameters<typeof bindApi>[0], library.handlers, {
      isTrustedSender: () => true,
    })
    const reply = (await channels.get('tracedeck:api:getSpanColumns')!(fromApp, { id })) as {
      ok: boolean
      value: Uint8Array
    }
    expect(reply.ok).toBe(true)
    expect(reply.value).toBeInstanceOf(Uint8Array)
    const cloned = structuredClone(reply).value
    expect(cloned).toBeInstanceOf(Uint8Array)
    expect(spanTableFromBinary(cloned)).toEqual(await library.handlers.getSpanTable({ id }))
  })
})
