/**
 * The two runs' scores side by side in the comparison, with the delta of B against A and its
 * direction; shown when either trace has been scored. A replay's reference scores (similarity,
 * same tool calls…) have no counterpart on the original, which is the reference.
 */
import { useEffect, useState } from 'react'
import type { Score } from '../../../../shared/rerun'
import { getHost } from '../../host'

interface Row {
  key: string
  name: string
  a: Score | undefined
  b: Score | undefined
}

function rows(a: Score[], b: Score[]): Row[] {
  const out = new Map<string, Row>()
  for (const [side, list] of [
    ['a', a],
    ['b', b],
  ] as const)
    for (const s of list) {
      if (s.span !== null) continue
      const key = `${s.kind}:${s.evaluator}`
      const row = out.get(key) ?? { key, name: s.evaluator, a: undefined, b: undefined }
      row[side] = s
      out.set(key, row)
    }
  return [...out.values()]
}

function cell(s: Score | undefined, reference: boolean): string {
  if (!s) return reference ? 'reference' : '—'
  if (s.score === null) return s.label ?? 'n/a'
  return s.label && s.passed !== null ? `${s.score.toFixed(2)} (${s.label})` : s.score.toFixed(2)
}

export function ScoresStrip({ a, b }: { a: string; b: string }) {
  const [scores, setScores] = useState<{ a: Score[]; b: Score[] } | null>(null)
  useEffect(() => {
    let live = true
    const load = () =>
      Promise.all([
        getHost().api.getScores({ traceId: a }),
        getHost().api.getScores({ traceId: b }),
      ])
        .then(([sa, sb]) => live && setScores({ a: sa, b: sb }))
        .catch(() => live && setScores(null))
    void load()
    // Scores arrive when a run finishes scoring (it then completes).
    const stop = getHost().on('rerunProgress', (run) => {
      if (run.status === 'completed' && (run.replayTraceId === b || run.replayTraceId === a))
        void load()
    })
    return () => {
      live = false
      stop()
    }
  }, [a, b])
  const list = scores ? rows(scores.a, scores.b) : []
  if (!list.length) return null
  return (
    <section className="td-scores" aria-label="Scores" data-testid="compare-scores">
      <span className="td-scores__title">Scores</span>
      {list.map((r) => {
        const d = r.a?.score != null && r.b?.score != null ? r.b.score - r.a.score : null
        const dir = d === null || Math.abs(d) < 0.005 ? 'same' : d > 0 ? 'up' : 'down'
        return (
          <span
            key={r.key}
            className="td-scores__item"
            title={r.b?.reasoning ?? r.a?.reasoning ?? undefined}
          >
            <span className="td-scores__name">{r.name}</span>
            <span className="td-num">A {cell(r.a, !r.a && !!r.b)}</span>
            <span className="td-num">B {cell(r.b, false)}</span>
            {d !== null && (
              <span className={`td-scores__delta td-scores__delta--${dir}`}>
                {dir === 'up' ? '▲' : dir === 'down' ? '▼' : '='} {d > 0 ? '+' : ''}
                {d.toFixed(2)}
              </span>
            )}
          </span>
        )
      })}
    </section>
  )
}
