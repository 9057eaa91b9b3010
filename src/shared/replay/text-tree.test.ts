import { describe, expect, it } from 'vitest'
import { toReplayColumns } from './columns'
import { clip, formatCost, formatDuration, formatLatencyMs } from './format'
import { spanTableOf } from './table-fixture'
import { textTreeLines, windowStart } from './text-tree'

const c = toReplayColumns(
  spanTableOf([
    {
      name: 'agent:start',
      startMs: 0,
      durationMs: 2000,
      children: [
        { name: 'query.embed', startMs: 0, durationMs: 180 },
        {
          name: 'tool.chain',
          startMs: 200,
          durationMs: 450,
          children: [
            { name: 'tool_schema_lookup', status: 'retry', startMs: 210, durationMs: 250 },
          ],
        },
        { name: 'llm.generate', startMs: 700, durationMs: 1240 },
      ],
    },
  ]),
)

describe('terminal execution tree', () => {
  it('draws guides, states and statuses like seeds/003', () => {
    const lines = textTreeLines(c, 4, 0, c.count).map(
      (l) => `${l.guides}${l.icon} ${l.name} ${l.duration} ${l.status}`,
    )
    expect(lines).toEqual([
      '✓ agent:start 2.00s OK',
      '├── ✓ query.embed 180ms OK',
      '├── ✓ tool.chain 450ms OK',
      '│   └── ↻ tool_schema_lookup 250ms Retried',
      '└── ▶ llm.generate 1.24s OK',
    ])
  })

  it('marks the current step and keeps it in a window', () => {
    expect(textTreeLines(c, 2, 2, 3)[0].icon).toBe('▶')
    expect(windowStart(1000, 500, 30)).toBe(490)
    expect(windowStart(1000, 2, 30)).toBe(0)
    expect(windowStart(1000, 999, 30)).toBe(970)
    expect(windowStart(10, 9, 30)).toBe(0)
  })

  it('formats durations, latency, cost and clips long text', () => {
    expect(formatDuration(850)).toBe('850µs')
    expect(formatDuration(180_000)).toBe('180ms')
    expect(formatDuration(2_450_000)).toBe('2.45s')
    expect(formatLatencyMs(3_420_000)).toBe('3,420.00 ms')
    expect(formatCost(0.00042)).toBe('$0.00042')
    expect(formatCost(null)).toBe('–')
    expect(clip('x'.repeat(300))).toHaveLength(200)
    expect(clip('short')).toBe('short')
  })
})
