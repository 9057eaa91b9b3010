/**
 * Input tokens per turn (d3 scales, SVG drawn by React): one bar per turn, the largest single
 * prompt of each turn as a line (the context the model actually saw), and the model's context
 * limit as a dashed line when it is known. Bars are clickable: they open the turn in replay.
 */
import * as d3 from 'd3'
import { useEffect, useRef, useState } from 'react'
import type { SessionTurn } from '../../../../shared/api'
import { formatTokens } from '../../lib/format'

export interface TokenChartProps {
  turns: SessionTurn[]
  onOpenTurn(turn: SessionTurn, index: number): void
  height?: number
}

const M = { top: 18, right: 16, bottom: 26, left: 52 }

/** Width of an element, following resizes. */
function useWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null)
  const [width, setWidth] = useState(0)
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)))
    observer.observe(el)
    return () => observer.disconnect()
  }, [])
  return [ref, width] as const
}

/** The limit to draw: the smallest known limit among the turns' models (the tightest one). */
export function sessionContextLimit(turns: SessionTurn[]): number | null {
  const limits = turns.map((t) => t.contextLimit).filter((l): l is number => l !== null)
  return limits.length ? Math.min(...limits) : null
}

/** The largest single prompt of the session (per turn: its largest prompt, else its input). */
export function sessionPromptPeak(turns: SessionTurn[]): number {
  return d3.max(turns, (t) => t.contextTokens ?? t.inputTokens) ?? 0
}

/** "3.6%" (two decimals below 1%), the share of the window a prompt fills. */
export function percentOf(tokens: number, limit: number): string {
  const share = tokens / limit
  return `${(share * 100).toFixed(share < 0.01 ? 2 : 1)}%`
}

export function TokenChart({ turns, onOpenTurn, height = 200 }: TokenChartProps) {
  const [ref, width] = useWidth<HTMLDivElement>()
  const [hover, setHover] = useState<number | null>(null)
  const limit = sessionContextLimit(turns)
  const peak = d3.max(turns, (t) => Math.max(t.inputTokens, t.contextTokens ?? 0)) ?? 0
  // How full the context got: the largest single prompt of any turn (a turn's input tokens sum
  // several calls, which no model ever saw at once); the sum only where no prompt is known.
  const promptPeak = sessionPromptPeak(turns)
  // Draw the limit to scale when the session gets anywhere near it; far below it, scaling to the
  // limit would flatten the growth the chart is for, so the limit is stated in the legend instead.
  const [scaleToLimit, setScaleToLimit] = useState<boolean | null>(null)
  const near = limit !== null && promptPeak >= limit * 0.25
  const toLimit = limit !== null && (scaleToLimit ?? near)

  const innerW = Math.max(0, width - M.left - M.right)
  const innerH = height - M.top - M.bottom
  const x = d3
    .scaleBand<number>()
    .domain(turns.map((_, i) => i))
    .range([0, innerW])
    .paddingInner(0.25)
    .paddingOuter(0.15)
  const yMax = Math.max(1, toLimit && limit ? Math.max(limit, peak) * 1.05 : peak * 1.12)
  const y = d3.scaleLinear().domain([0, yMax]).range([innerH, 0]).nice()
  const ticks = y.ticks(4)
  const bw = Math.min(x.bandwidth(), 48)
  const cx = (i: number) => (x(i) ?? 0) + x.bandwidth() / 2
  const line = d3
    .line<SessionTurn>()
    .defined((t) => t.contextTokens !== null)
    .x((_, i) => cx(i))
    .y((t) => y(t.contextTokens ?? 0))
  const hasContext = turns.some((t) => t.contextTokens !== null)
  const labelEvery = Math.max(1, Math.ceil(turns.length / Math.max(1, Math.floor(innerW / 28))))
  const hovered = hover === null ? null : turns[hover]

  return (
    <figure className="td-chart" aria-label="Input tokens per turn">
      <figcaption className="td-chart__head">
        <span className="td-chart__title">Input tokens per turn</span>
        <span className="td-chart__legend">
          <span className="td-legend td-legend--bar">input tokens</span>
          {hasContext && <span className="td-legend td-legend--line">largest prompt</span>}
          {limit !== null ? (
            <>
              <span className="td-legend td-legend--limit">
                context limit {formatTokens(limit)}
                {!toLimit &&
                  ` (largest prompt uses ${percentOf(promptPeak, limit)})`}
              </span>
              <button
                type="button"
                className="td-textbtn"
                onClick={() => setScaleToLimit(!toLimit)}
              >
                {toLimit ? 'Fit to data' : 'Show to scale'}
              </button>
            </>
          ) : (
            <span className="td-faint">context limit unknown for this model</span>
          )}
        </span>
      </figcaption>
      <div ref={ref} className="td-chart__plot" style={{ height }}>
        {width > 0 && (
          <svg width={width} height={height} role="img" aria-label={chartSummary(turns, limit)}>
            <g transform={`translate(${M.left},${M.top})`}>
              {ticks.map((t) => (
                <g key={t} transform={`translate(0,${y(t)})`}>
                  <line x2={innerW} className="td-chart__grid" />
                  <text x={-8} dy="0.32em" textAnchor="end" className="td-chart__tick">
                    {formatTokens(t)}
                  </text>
                </g>
              ))}
              {turns.map((t, i) => (
                <g
                  key={t.traceId}
                  className={`td-chart__turn${t.status === 'error' ? ' is-error' : ''}${hover === i ? ' is-hover' : ''}`}
                  onMouseEnter={() => setHover(i)}
                  onMouseLeave={() => setHover(null)}
                  onClick={() => onOpenTurn(t, i)}
                  data-turn={i + 1}
                >
                  <rect
                    x={x(i)}
                    y={0}
                    width={x.bandwidth()}
                    height={innerH}
                    className="td-chart__hit"
                  />
                  <rect
                    x={cx(i) - bw / 2}
                    y={y(t.inputTokens)}
                    width={bw}
                    height={Math.max(0, innerH - y(t.inputTokens))}
                    rx={2}
                    className="td-chart__bar"
                  />
                  {i % labelEvery === 0 && (
                    <text x={cx(i)} y={innerH + 16} textAnchor="middle" className="td-chart__tick">
                      {i + 1}
                    </text>
                  )}
                </g>
              ))}
              {hasContext && <path d={line(turns) ?? ''} className="td-chart__line" />}
              {hasContext &&
                turns.map((t, i) =>
                  t.contextTokens === null ? null : (
                    <circle
                      key={t.traceId}
                      cx={cx(i)}
                      cy={y(t.contextTokens)}
                      r={3}
                      className="td-chart__dot"
                    />
                  ),
                )}
              {toLimit && limit !== null && (
                <g transform={`translate(0,${y(limit)})`}>
                  <line x2={innerW} className="td-chart__limit" />
                  <text x={innerW} dy="-0.4em" textAnchor="end" className="td-chart__limitlabel">
                    {formatTokens(limit)} context limit
                  </text>
                </g>
              )}
              <line y1={innerH} y2={innerH} x2={innerW} className="td-chart__axis" />
            </g>
          </svg>
        )}
        {hovered && hover !== null && (
          <div
            className="td-chart__tip"
            style={{ left: Math.min(width - 200, Math.max(0, M.left + cx(hover) - 100)) }}
          >
            <strong>Turn {hover + 1}</strong> · {hovered.model ?? 'unknown model'}
            <br />
            {formatTokens(hovered.inputTokens)} input tokens
            {hovered.contextTokens !== null &&
              ` · largest prompt ${formatTokens(hovered.contextTokens)}`}
            {hovered.contextLimit && hovered.contextTokens !== null && (
              <>
                {' '}
                ({percentOf(hovered.contextTokens, hovered.contextLimit)} of the window)
              </>
            )}
            <br />
            <span className="td-faint">Click to open this turn in replay</span>
          </div>
        )}
      </div>
    </figure>
  )
}

function chartSummary(turns: SessionTurn[], limit: number | null): string {
  const values = turns.map((t) => t.inputTokens)
  const first = values[0] ?? 0
  const last = values[values.length - 1] ?? 0
  return `Input tokens over ${turns.length} turns, from ${first} to ${last}${limit ? `; context limit ${limit}` : ''}`
}
