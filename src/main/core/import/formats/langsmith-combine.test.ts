/**
 * LangSmith `/runs/batch` bodies kept as JSON Lines: a run's post and patch on different lines
 * (either order) are one span, in the whole-file and the streamed import alike; usage in the
 * places the JS SDK writes it.
 */
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../store/connection'
import { loadPriceTable } from '../../pricing/price-table'
import { importFile } from '../pipeline'
import { readSpan, readTraceDetail } from '../../store/trace-queries'
import { tempFile } from '../test-fixtures'

const T = '01a23ed6-58d6-75f3-8f1e-759de7dccd71'
const L = '01a23ed6-5b60-744b-8fd8-7ec9e771a287'
const C = '01a23ed6-5c49-7596-a7b4-e6ff48226e3c'
const dotted = (...ids: string[]) => ids.map((id, i) => `20260101T00000${i}000000Z${id}`).join('.')

const lcMessage = (type: string, content: string) => ({
  lc: 1,
  type: 'constructor',
  id: ['langchain_core', 'messages', type],
  kwargs: { content },
})

/** Root chain posted whole at the end; an LLM run posted on line 1, patched on line 3 (no id, JS SDK). */
const lines = [
  {
    post: [
      {
        id: T,
        trace_id: T,
        dotted_order: dotted(T),
        name: 'agent',
        run_type: 'chain',
        start_time: '2026-01-01T00:00:00.000000Z',
        inputs: { q: 'hi' },
      },
      {
        id: L,
        trace_id: T,
        parent_run_id: T,
        dotted_order: dotted(T, L),
        name: 'ChatOpenAI',
        run_type: 'llm',
        start_time: '2026-01-01T00:00:00.100000Z',
        extra: { metadata: { ls_model_name: 'gpt-4o-mini', session_id: 'thread-9' } },
        inputs: { messages: [[lcMessage('HumanMessage', 'Where is my order?')]] },
      },
    ],
    patch: [],
  },
  {
    post: [
      {
        id: C,
        trace_id: T,
        parent_run_id: T,
        dotted_order: dotted(T, C),
        name: 'ChatOpenAI',
        run_type: 'llm',
        start_time: '2026-01-01T00:00:01.000000Z',
        end_time: Date.UTC(2026, 0, 1, 0, 0, 1, 500),
        extra: { metadata: { usage_metadata: { input_tokens: 7, output_tokens: 3 } } },
        inputs: { messages: [[lcMessage('HumanMessage', 'And now?')]] },
        outputs: { generations: [[{ text: 'Now.', message: lcMessage('AIMessage', 'Now.') }]] },
      },
    ],
    patch: [],
  },
  {
    post: [],
    patch: [
      {
        trace_id: T,
        dotted_order: dotted(T, L),
        name: 'ChatOpenAI',
        run_type: 'llm',
        end_time: Date.UTC(2026, 0, 1, 0, 0, 0, 900),
        outputs: {
          generations: [
            [
              {
                text: 'Shipped.',
                message: {
                  ...lcMessage('AIMessage', 'Shipped.'),
                  kwargs: {
                    content: 'Shipped.',
                    usage_metadata: { input_tokens: 11, output_tokens: 4 },
                  },
                },
              },
            ],
          ],
          llmOutput: { tokenUsage: { promptTokens: 11, completionTokens: 4 } },
        },
      },
      {
        id: T,
        trace_id: T,
        dotted_order: dotted(T),
        end_time: Date.UTC(2026, 0, 1, 0, 0, 2),
        outputs: { a: 'done' },
      },
    ],
  },
]

async function load(text: string, streamed: boolean) {
  const path = tempFile('runs.jsonl', text)
  const db = openDatabase(':memory:')
  const report = await importFile(db, {
    path,
    prices: loadPriceTable(),
    ...(streamed ? { streamThreshold: 0 } : {}),
  })
  expect(report.error).toBeUndefined()
  const id = report.traces[0].id
  const detail = readTraceDetail(db, id)!
  const spans = Array.from({ length: detail.trace.spanCount }, (_, i) => readSpan(db, id, i)!)
  return { report, trace: detail.trace, spans }
}

describe('LangSmith posts and patches across JSON Lines', () => {
  for (const streamed of [false, true]) {
    for (const order of ['as sent', 'patch first'] as const) {
      it(`merges each run once (${streamed ? 'streamed' : 'whole file'}, ${order})`, async () => {
        const ls = order === 'as sent' ? lines : [lines[2], lines[0], lines[1]]
        const { report, trace, spans } = await load(
          ls.map((l) => JSON.stringify(l)).join('\n') + '\n',
          streamed,
        )
        expect(report.repairs).toEqual([])
        expect(report.warnings).toEqual([])
        expect(spans.map((s) => s.id).sort()).toEqual([L, C, T].sort())
        const llm = spans.find((s) => s.id === L)!
        // The post's inputs and the patch's outputs, end and usage on one span.
        expect(llm.input?.messages?.[0]).toMatchObject({ role: 'user', text: 'Where is my order?' })
        expect(llm.output?.messages?.[0]).toMatchObject({ role: 'assistant', text: 'Shipped.' })
        expect(llm.duration).toBe(800_000)
        expect([llm.inputTokens, llm.outputTokens]).toEqual([11, 4])
        expect([trace.inputTokens, trace.outputTokens]).toEqual([18, 7])
        expect(trace.sessionId).toBe('thread-9')
        expect(spans.find((s) => s.id === T)?.duration).toBe(2_000_000)
      })
    }
  }
})
