/**
 * The library service: the one object every front door (Electron IPC, browser host, CLI) calls.
 * It implements the API contract's verbs over the SQLite store and the import pipeline.
 * No `electron` import here or anywhere under core/.
 */
import type { ApiEvents, ApiRequest, ApiResponse, ApiVerb } from '../../shared/api'
import type { ClientOptions } from './rerun/clients'
import type { KeyVault } from './rerun/provider-store'

export type Handlers = { [V in ApiVerb]: (request: ApiRequest<V>) => Promise<ApiResponse<V>> }

export interface LibraryOptions {
  /** Path of the SQLite library file, or ':memory:'. */
  dbPath: string
  /** Path of the bundled sample trace, when there is one. */
  samplePath?: string
  /** Run imports in a worker thread (default true; tests may run them in-process). */
  useWorker?: boolean
  /**
   * Path of a better-sqlite3 native addon to load instead of the default one (better-sqlite3's
   * `nativeBinding` option). The Electron main process passes the binary built for Electron's ABI
   * (scripts/ensure-native.js); Node (CLI, tests, browser host) leaves it unset.
   */
  nativeBinding?: string
  /**
   * A user-edited price table (same shape as resources/prices.json) overriding the bundled one
   * model by model; a missing file is fine (the bundled table stands).
   */
  pricesPath?: string
  /**
   * Seals the API keys of re-run providers (the desktop app: Electron safeStorage); default: kept
   * as given in the 0600 provider file (CLI, browser host).
   */
  keyVault?: KeyVault
  /** The provider file (default: providers.json beside the library; in memory for ':memory:'). */
  providersPath?: string
  /** Environment the provider keys are read from (default process.env). */
  env?: NodeJS.ProcessEnv
  /** Timeouts and retries of re-run calls. */
  rerunClient?: ClientOptions
  /**
   * Where the OTLP receiver's on/off choice and port are remembered (the desktop app's
   * live.json); without it the receiver starts off and nothing is remembered.
   */
  liveSettingsPath?: string
  /** Quiet time before a live trace is committed (ms); default live-service's. */
  liveQuietMs?: number
  /** Receives the events the contract declares (progress, library changes). */
  emit?: <E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]) => void
}
