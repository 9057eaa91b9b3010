/**
 * Cells and columns that traces and sessions show the same way: tokens, cost, models and tags.
 * Both tables build these columns here so a change to one reads the same in the other.
 */
import { useCostHint } from '../../components/estimate-hint'
import { formatCost, formatCount, formatTokens } from '../../lib/format'
import type { Column } from './DataTable'
import { knownTokens } from '../../../../shared/usage'

/** The usage fields a trace summary and a session summary both carry. */
export interface UsageRow {
  inputTokens: number
  outputTokens: number
  cost: number
  costEstimated: boolean
  models: string[]
  tags: string[]
}

/**
 * Cost with the one estimate mark, "~$", when it was estimated from a price table rather than
 * stated, and "–" when none is known (`tokens` says whether there was LLM usage to price).
 */
export function CostCell({
  cost,
  estimated,
  tokens,
}: {
  cost: number
  estimated: boolean
  tokens: number
}) {
  const { unknown, hint } = useCostHint(cost, estimated, tokens)
  if (unknown) {
    return (
      <span className="td-num td-faint" title={hint}>
        –
      </span>
    )
  }
  return (
    <span className="td-num" title={hint}>
      {formatCost(cost, estimated)}
    </span>
  )
}

/** Total tokens, with the input → output split on hover. */
export function TokensCell({
  input,
  output,
  total,
}: {
  input: number
  output: number
  total: number
}) {
  return (
    <span
      className={knownTokens(total) === null ? 'td-num td-faint' : 'td-num'}
      title={
        knownTokens(total) === null
          ? 'No token counts recorded'
          : `${formatCount(input)} in → ${formatCount(output)} out`
      }
    >
      {formatTokens(knownTokens(total))}
    </span>
  )
}

/** A compact list of tags (the first few, then "+n"). */
export function TagList({ tags }: { tags: string[] }) {
  if (!tags.length) return <span className="td-faint">–</span>
  const shown = tags.slice(0, 3)
  return (
    <span className="td-taglist" title={tags.join(', ')}>
      {shown.map((t) => (
        <span key={t} className="td-tag">
          {t}
        </span>
      ))}
      {tags.length > shown.length && (
        <span className="td-faint">+{tags.length - shown.length}</span>
      )}
    </span>
  )
}

/** Models as text, clipped by the cell (full list on hover). */
export function ModelList({ models }: { models: string[] }) {
  if (!models.length) return <span className="td-faint">–</span>
  return (
    <span className="td-ellipsis td-mono-sm" title={models.join(', ')}>
      {models.join(', ')}
    </span>
  )
}

/** The Tokens column; `total` is the row's token count (what it sorts by and prices). */
export function tokensColumn<R extends UsageRow>(total: (r: R) => number): Column<R, 'tokens'> {
  return {
    key: 'tokens',
    dropOrder: 5,
    label: 'Tokens',
    width: '84px',
    align: 'right',
    firstDir: 'desc',
    sortValue: total,
    render: (r) => <TokensCell input={r.inputTokens} output={r.outputTokens} total={total(r)} />,
  }
}

/** The Cost column (never dropped); `total` tokens decide whether a missing cost is unknown. */
export function costColumn<R extends UsageRow>(total: (r: R) => number): Column<R, 'cost'> {
  return {
    key: 'cost',
    label: 'Cost',
    width: '116px',
    align: 'right',
    firstDir: 'desc',
    sortValue: (r) => r.cost,
    render: (r) => <CostCell cost={r.cost} estimated={r.costEstimated} tokens={total(r)} />,
  }
}

/** The Models column, dropped at `dropOrder` when the table is narrow. */
export function modelsColumn<R extends UsageRow>(dropOrder: number): Column<R, 'models'> {
  return {
    key: 'models',
    dropOrder,
    label: 'Models',
    width: 'minmax(110px, 1.2fr)',
    firstDir: 'asc',
    sortValue: (r) => r.models.join(', ') || null,
    render: (r) => <ModelList models={r.models} />,
  }
}

/** The Tags column, the first to go when the table is narrow. */
export function tagsColumn<R extends UsageRow>(): Column<R, 'tags'> {
  return {
    key: 'tags',
    dropOrder: 1,
    label: 'Tags',
    width: 'minmax(90px, 1fr)',
    firstDir: 'asc',
    sortValue: (r) => r.tags.join(', ') || null,
    render: (r) => <TagList tags={r.tags} />,
  }
}
