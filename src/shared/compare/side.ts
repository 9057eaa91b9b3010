/**
 * The columns the comparison needs from one trace. A `SpanTable` (src/shared/api.ts) satisfies
 * it; the core adds the payload fingerprints so inputs and outputs compare without loading them.
 */
export interface CompareSide {
  count: number
  /** Step-order index of each span's parent, -1 for a top-level span (parents precede children). */
  parentIndex: ArrayLike<number>
  depth: ArrayLike<number>
  /** Index into SPAN_KINDS. */
  kind: ArrayLike<number>
  /** 0 ok, 1 error, 2 retry. */
  status: ArrayLike<number>
  /** Index into `names`. */
  name: ArrayLike<number>
  names: readonly string[]
  /** Index into `models`, -1 when the span has none. */
  model: ArrayLike<number>
  models: readonly string[]
  /** Microseconds. */
  duration: ArrayLike<number>
  inputTokens: ArrayLike<number | null>
  outputTokens: ArrayLike<number | null>
  cost: ArrayLike<number | null>
  /**
   * Fingerprint of each span's input (equal content ⇒ equal string; null when there is none).
   * When absent, inputs are not compared.
   */
  inputHash?: ArrayLike<string | null>
  outputHash?: ArrayLike<string | null>
}

/** The model name of span i, or null. */
export function modelOf(side: CompareSide, i: number): string | null {
  const m = side.model[i]
  return m >= 0 ? (side.models[m] ?? null) : null
}

/** The name of span i. */
export function nameOf(side: CompareSide, i: number): string {
  return side.names[side.name[i]] ?? ''
}

/**
 * The name used for matching: the span's own model name inside it is replaced by a placeholder,
 * because conventions put the model in the span name ("chat gpt-4o") and a run re-executed with
 * another model is the same step, whose model (not its name) changed.
 */
export function matchName(side: CompareSide, i: number): string {
  const name = nameOf(side, i)
  const model = modelOf(side, i)
  return model && name.includes(model) ? name.split(model).join('\u0001') : name
}
