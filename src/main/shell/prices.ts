/**
 * The desktop app's price table: prices.json beside the library (userData by default, or
 * TRACEDECK_PRICES). A broken file must not stop the app from opening its library: it is
 * reported and the bundled table is used until the user fixes it.
 */
import { loadPriceTable } from '../core/pricing/price-table'
import { userPricesPath } from '../core/pricing/user-prices'

/** The price file to hand to the library, or the problem that keeps it from being used. */
export interface UserPrices {
  /** Path given to createLibrary (undefined when the file has a problem: bundled prices). */
  path?: string
  /** The file the user edits, whether or not it exists or is valid. */
  file?: string
  /** What is wrong with the file, naming it. */
  problem?: string
}

/** Checks the user's price file for the library at `dbPath`. */
export function userPrices(dbPath: string, env: NodeJS.ProcessEnv = process.env): UserPrices {
  const file = userPricesPath(dbPath, undefined, env)
  try {
    loadPriceTable(file)
    return { path: file, file }
  } catch (error) {
    return { file, problem: (error as Error).message }
  }
}
