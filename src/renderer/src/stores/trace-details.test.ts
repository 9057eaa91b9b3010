import { describe, expect, it, vi } from 'vitest'
import type { TraceDetail } from '../../../shared/api'
import { forgetTraceDetails, getTraceDetail } from './trace-details'

const detail = (id: string) => ({ trace: { id, name: `trace ${id}` } }) as unknown as TraceDetail

describe('shared trace details', () => {
  it('asks the host once for concurrent and repeated asks of one trace', async () => {
    const getTrace = vi.fn(async ({ id }: { id: string }) => detail(id))
    const api = { getTrace }
    const [a, b] = await Promise.all([getTraceDetail(api, 't1'), getTraceDetail(api, 't1')])
    expect(a).toBe(b)
    await getTraceDetail(api, 't1')
    await getTraceDetail(api, 't2')
    expect(getTrace.mock.calls.map(([r]) => r.id)).toEqual(['t1', 't2'])
  })

  it('does not keep a failure, and forgets everything when the library changes', async () => {
    let fail = true
    const getTrace = vi.fn(async ({ id }: { id: string }) => {
      if (fail) throw new Error(`No trace with id "${id}"`)
      return detail(id)
    })
    const api = { getTrace }
    await expect(getTraceDetail(api, 'x')).rejects.toThrow('No trace with id "x"')
    fail = false
    await expect(getTraceDetail(api, 'x')).resolves.toMatchObject({ trace: { id: 'x' } })
    forgetTraceDetails()
    await getTraceDetail(api, 'x')
    expect(getTrace).toHaveBeenCalledTimes(3)
  })

  it('keeps separate hosts apart', async () => {
    const one = { getTrace: vi.fn(async () => detail('one')) }
    const two = { getTrace: vi.fn(async () => detail('two')) }
    await expect(getTraceDetail(one, 'same')).resolves.toMatchObject({ trace: { id: 'one' } })
    await expect(getTraceDetail(two, 'same')).resolves.toMatchObject({ trace: { id: 'two' } })
  })
})
