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

function validPrice(p: unknown): p is ModelPrice {
  const o = p as ModelPrice
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.input === 'number' &&
    typeof o.output === 'number' &&
    o.input >= 0 &&
    o.output >= 0
  )
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
  const out: Record<string, ModelPrice> = {}
  for (const [name, price] of Object.entries(models)) {
    if (!validPrice(price)) {
      throw new Error(
        `Price table ${source}: model "${name}" needs numeric "input" and "output" prices`,
      )
    }
    out[name.toLowerCase()] = price
  }
  const updated = (doc as { updated?: unknown }).updated
  return { updated: typeof updated === 'string' ? updated : '', models: out }
}

/** The bundled table, optionally overridden model by model from a user file. */
export function loadPriceTable(overridePath?: string): PriceTable {
  const base = parsePriceTable(JSON.stringify(bundled), 'resources/prices.json')
  if (!overridePath) return base
  let text: string
  try {
    text = readFileSync(overridePath, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return base // no override written yet: the bundled table stands
    throw new Error(`Cannot read price table ${overridePath}: ${(err as Error).message}`)
  }
  const user = parsePriceTable(text, overridePath)
  return { updated: user.updated || base.updated, models: { ...base.models, ...user.models } }
}

const DATE_SUFFIX = /[-@:](\d{4}-?\d{2}-?\d{2}|\d{4}|latest|v\d+(\.\d+)*)$/

/** Finds the price of a model name, or undefined when the table does not know it. */
export function findPrice(table: PriceTable, model: string): ModelPrice | undefined {
  let name = model.trim().toLowerCase()
  const exact = table.models[name]
  if (exact) return exact
  const slash = name.lastIndexOf('/')
  if (slash >= 0) name = name.slice(slash + 1)
  for (let i = 0; i < 3 && DATE_SUFFIX.test(name); i++) name = name.replace(DATE_SUFFIX, '')
  if (table.models[name]) return table.models[name]
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
