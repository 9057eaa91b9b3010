import { describe, expect, it } from 'vitest'
import type { HostBridge } from '../../../shared/api'
import { encodeErrorCode } from '../../../shared/error-code'
import { fromElectron } from './electron-bridge'
import { HostError } from './http-bridge'

/** What the renderer receives through contextBridge: a plain Error, `.code` gone. */
function preloadLike(fail: (verb: string) => Error | null): HostBridge {
  const api = new Proxy(
    {},
    {
      get: (_t, verb: string) => async (request: unknown) => {
        const error = fail(verb)
        if (error) throw error
        return { verb, request }
      },
    },
  )
  return {
    api: api as HostBridge['api'],
    on: () => () => undefined,
    pathForFile: async (file) => {
      throw new Error(encodeErrorCode('bad-request', `"${file.name}" is not a file on disk`))
    },
  }
}

describe('Electron bridge in the renderer', () => {
  it('gives back the code the preload encoded, and the message without it', async () => {
    const bridge = fromElectron(
      preloadLike((verb) =>
        verb === 'getTrace' ? new Error(encodeErrorCode('not-found', 'No trace with id x')) : null,
      ),
    )
    const error = await bridge.api.getTrace({ id: 'x' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HostError)
    expect(error).toMatchObject({ code: 'not-found', message: 'No trace with id x' })
    await expect(bridge.api.listTraces({})).resolves.toEqual({
      verb: 'listTraces',
      request: {},
    })
    await expect(bridge.pathForFile(new File([], 'mem.json'))).rejects.toMatchObject({
      code: 'bad-request',
      message: '"mem.json" is not a file on disk',
    })
  })

  it('reads the code after a name prefix, and keeps a message that has none', async () => {
    const bridge = fromElectron(
      preloadLike((verb) =>
        verb === 'importFiles'
          ? new Error(`Error: ${encodeErrorCode('cancelled', 'Import cancelled')}`)
          : verb === 'deleteTraces'
            ? new Error('Something [odd] happened')
            : null,
      ),
    )
    await expect(bridge.api.importFiles({ paths: [], jobId: 'j' })).rejects.toMatchObject({
      code: 'cancelled',
      message: 'Import cancelled',
    })
    await expect(bridge.api.deleteTraces({ ids: [] })).rejects.toMatchObject({
      code: 'internal',
      message: 'Something [odd] happened',
    })
  })
})
