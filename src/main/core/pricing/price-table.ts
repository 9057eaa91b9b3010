/**
 * The price table used to estimate cost when a trace does not state it: USD per million input
 * and output tokens, per model, dated. The bundled table (resources/prices.json) can be
 * overridden per model by a user-edited file of the same shape. Model names are matched exactly,
 * then without a provider prefix ("openai/…") and date/version suffix ("-2024-08-06"), then by
 * the longest known prefix ("gpt-4o-mini-search" → "gpt-4o-mini").
 */
import { readFileSync } from 'node:fs'
import bundled from '../../../../resources/prices.json'

export interface ModelPrice {
  /** USD per million input tokens. */
  input: number
  /** USD per million output tokens. */
  output: number
  /** Date the price took effect (informational). */
  since?: string
}

export interface PriceTable {
  updated: string
  models: Record<string, ModelPrice>
}

/** What is wrong with one model's entry, or undefined when it is a valid price. */
function priceProblem(p: unknown): string | undefined {
  if (typeof p !== 'object' || p === null || Array.isArray(p)) {
    return 'needs an object like { "input": 2.5, "output": 10 }'
  }
  const o = p as Record<string, unknown>
  for (const key of ['input', 'output']) {
    const v = o[key]
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      const got = v === undefined ? 'it is missing' : `not ${JSON.stringify(v)}`
      return `needs "${key}" as a number >= 0 (USD per million tokens), ${got}`
    }
  }
  if (o.since !== undefined && typeof o.since !== 'string') return 'has a "since" that is not a date string'
  return undefined
}

/** Parses a price file's content; throws a message naming what is wrong. */
export function parsePriceTable(text: string, source: string): PriceTable {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (err) {
    throw new Error(`Price table ${source} is not valid JSON: ${(err as Error).message}`)
  }
  const models = (doc as { models?: unknown })?.models
  if (typeof models !== 'object' || models === null || Array.isArray(models)) {
    throw new Error(`Price table ${source} has no "models" object`)
  }
  // No prototype: a model named "__proto__" or "constructor" is just a name.
  const out: Record<string, ModelPrice> = Object.create(null) as Record<string, ModelPrice>
  for (const [name, price] of Object.entries(models)) {
    if (!name.trim()) throw new Error(`Price table ${source}: a model name is empty`)
    const problem = priceProblem(price)
    if (problem) throw new Error(`Price table ${source}: model "${name}" ${problem}`)
    out[name.toLowerCase()] = price as ModelPrice
  }
  const updated = (doc as { updated?: unknown }).updated
  return { updated: typeof updated === 'string' ? updated : '', models: out }
}

/** Where the bundled table comes from, for messages and listings. */
export const BUNDLED_PRICES = 'resources/prices.json'

/** The bundled table alone. */
export function bundledPriceTable(): PriceTable {
  return parsePriceTable(JSON.stringify(bundled), BUNDLED_PRICES)
}

/**
 * The user's price file, or undefined when it does not exist (nothing to override yet).
 * Throws a message naming the file when it cannot be read or is malformed.
 */
export function readUserPriceTable(path: string): PriceTable | undefined {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return undefined
    throw new Error(`Cannot read price table ${path}: ${(err as Error).message}`)
  }
  return parsePriceTable(text, path)
}

/** The bundled table, optionally overridden model by model from a user file. */
export function loadPriceTable(overridePath?: string): PriceTable {
  const base = bundledPriceTable()
  const user = overridePath ? readUserPriceTable(overridePath) : undefined
  if (!user) return base
  return { updated: user.updated || base.updated, models: mergeModels(base.models, user.models) }
}

function mergeModels(
  base: Record<string, ModelPrice>,
  user: Record<string, ModelPrice>,
): Record<string, ModelPrice> {
  return Object.assign(Object.create(null) as Record<string, ModelPrice>, base, user)
}

const priceOf = (table: PriceTable, name: string): ModelPrice | undefined =>
  Object.hasOwn(table.models, name) ? table.models[name] : undefined

const DATE_SUFFIX = /[-@:](\d{4}-?\d{2}-?\d{2}|\d{4}|latest|v\d+(\.\d+)*)$/

/** Finds the price of a model name, or undefined when the table does not know it. */
export function findPrice(table: PriceTable, model: string): ModelPrice | undefined {
  let name = model.trim().toLowerCase()
  const exact = priceOf(table, name)
  if (exact) return exact
  const slash = name.lastIndexOf('/')
  if (slash >= 0) name = name.slice(slash + 1)
  for (let i = 0; i < 3 && DATE_SUFFIX.test(name); i++) name = name.replace(DATE_SUFFIX, '')
  const bare = priceOf(table, name)
  if (bare) return bare
  let best: string | undefined
  for (const key of Object.keys(table.models)) {
    if (name.startsWith(key) && (!best || key.length > best.length)) best = key
  }
  return best ? table.models[best] : undefined
}

/** Estimated cost in USD, or undefined when the model is unknown or no tokens are stated. */
export function estimateCost(
  table: PriceTable,
  model: string | undefined,
  inputTokens: number | undefined,
  outputTokens: number | undefined,
): number | undefined {
  if (!model || (inputTokens === undefined && outputTokens === undefined)) return undefined
  const price = findPrice(table, model)
  if (!price) return undefined
  return ((inputTokens ?? 0) * price.input + (outputTokens ?? 0) * price.output) / 1_000_000
}
