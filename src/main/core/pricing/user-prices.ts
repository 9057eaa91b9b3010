/**
 * The user's price file: where it is, and the effective table (bundled + user file) listed entry
 * by entry with where each price comes from — what `tracedeck prices` prints.
 */
import { dirname, join, resolve } from 'node:path'
import {
  BUNDLED_PRICES,
  bundledPriceTable,
  readUserPriceTable,
  type ModelPrice,
  type PriceTable,
} from './price-table'

/** File name of the user's price table, kept beside the library file. */
export const USER_PRICES_FILE = 'prices.json'

/**
 * The user's price file: `explicit` (the CLI's --prices), else TRACEDECK_PRICES, else prices.json
 * in the library file's folder (the desktop app's userData by default). Undefined for an
 * in-memory library with neither given.
 */
export function userPricesPath(
  dbPath: string,
  explicit?: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (explicit) return resolve(explicit)
  if (env.TRACEDECK_PRICES) return resolve(env.TRACEDECK_PRICES)
  if (dbPath === ':memory:') return undefined
  return join(dirname(resolve(dbPath)), USER_PRICES_FILE)
}

/** One model's effective price and where it comes from. */
export interface PriceEntry extends ModelPrice {
  model: string
  source: 'bundled' | 'user'
  /** Date of the price: its own "since", else the date of the table it comes from. */
  date: string
  /** The bundled price this user entry replaces, when it replaces one. */
  overrides?: { input: number; output: number }
}

/** The effective price table, entry by entry, and the state of the user's file. */
export interface PriceListing {
  bundled: { path: string; updated: string }
  userFile: {
    /** The file to create or edit (undefined for an in-memory library). */
    path?: string
    exists: boolean
    updated?: string
    /** Why the file is not used, when it is malformed; the bundled table stands meanwhile. */
    error?: string
  }
  entries: PriceEntry[]
}

/** Lists the effective table for a user file path; never throws for a bad user file. */
export function listPrices(userPath: string | undefined): PriceListing {
  const bundled = bundledPriceTable()
  let user: PriceTable | undefined
  let error: string | undefined
  if (userPath) {
    try {
      user = readUserPriceTable(userPath)
    } catch (err) {
      error = (err as Error).message
    }
  }
  const entries = new Map<string, PriceEntry>()
  for (const [model, price] of Object.entries(bundled.models)) {
    entries.set(model, { model, ...price, source: 'bundled', date: price.since ?? bundled.updated })
  }
  for (const [model, price] of Object.entries(user?.models ?? {})) {
    const base = bundled.models[model] as ModelPrice | undefined
    entries.set(model, {
      model,
      ...price,
      source: 'user',
      date: price.since ?? (user?.updated || ''),
      ...(base ? { overrides: { input: base.input, output: base.output } } : {}),
    })
  }
  return {
    bundled: { path: BUNDLED_PRICES, updated: bundled.updated },
    userFile: {
      ...(userPath ? { path: userPath } : {}),
      exists: user !== undefined || error !== undefined,
      ...(user?.updated ? { updated: user.updated } : {}),
      ...(error ? { error } : {}),
    },
    entries: [...entries.values()].sort((a, b) => a.model.localeCompare(b.model)),
  }
}
