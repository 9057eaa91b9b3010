import { describe, expect, it } from 'vitest'
import { timeToFirstTokenUs } from './first-token'

const span = (over: Partial<Parameters<typeof timeToFirstTokenUs>[0]>) => ({
  start: 1_000_000,
  duration: 2_000_000,
  attributes: {},
  events: [],
  ...over,
})

describe('time to first token', () => {
  it('reads the first-token event (Langfuse completionStartTime, LangSmith first_token_time)', () => {
    expect(timeToFirstTokenUs(span({ events: [{ name: 'first token', time: 1_320_000 }] }))).toBe(
      320_000,
    )
  })
  it("reads the Vercel AI SDK's msToFirstChunk and OTel GenAI attributes", () => {
    expect(timeToFirstTokenUs(span({ attributes: { 'ai.response.msToFirstChunk': 412.5 } }))).toBe(
      412_500,
    )
    expect(
      timeToFirstTokenUs(span({ attributes: { 'gen_ai.response.time_to_first_chunk': 0.25 } })),
    ).toBe(250_000)
  })
  it('falls back to the first GenAI choice event during the span', () => {
    expect(timeToFirstTokenUs(span({ events: [{ name: 'gen_ai.choice', time: 1_800_000 }] }))).toBe(
      800_000,
    )
  })
  it('is null where nothing is recorded or the mark lies outside the span', () => {
    expect(timeToFirstTokenUs(span({}))).toBeNull()
    expect(
      timeToFirstTokenUs(span({ events: [{ name: 'first token', time: 9_000_000 }] })),
    ).toBeNull()
  })
})
