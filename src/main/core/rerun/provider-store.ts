/**
 * Configured providers, kept in `providers.json` beside the library (never in SQLite), created
 * with mode 0600 and refused when group or others can read it. A key is stored sealed by the
 * host's `KeyVault`: the desktop app seals with Electron safeStorage (encrypted at rest); the CLI
 * and the browser host keep it as given in the 0600 file. Without a stored key the provider's
 * environment variable is read (OPENAI_API_KEY, ANTHROPIC_API_KEY, or the one it names).
 * Nothing here returns a key to a caller other than the client that sends it.
 */
import { randomUUID } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { ApiError } from '../../../shared/api'
import type { ProviderInfo, ProviderInput, ProviderKind } from '../../../shared/rerun'

/** Seals keys for storage; the desktop shell provides one backed by safeStorage. */
export interface KeyVault {
  /** A label stored with each key ("safeStorage", "plain"): a key sealed by another vault is not opened. */
  readonly scheme: string
  seal(key: string): string
  open(sealed: string): string
}

/** The CLI's and browser host's vault: the file's 0600 mode is the protection. */
export const PLAIN_VAULT: KeyVault = { scheme: 'plain', seal: (k) => k, open: (s) => s }

interface StoredProvider {
  id: string
  name: string
  kind: ProviderKind
  baseUrl?: string
  defaultModel?: string
  apiKeyEnv?: string
  key?: { scheme: string; value: string }
}

/** A provider with what its client needs; only the client code sees `apiKey`. */
export interface ResolvedProvider extends ProviderInfo {
  apiKey: string | undefined
}

export const DEFAULT_KEY_ENV: Record<ProviderKind, string> = {
  openai: 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
}

/** Where the providers of the library at `dbPath` are kept. */
export function providersPathFor(dbPath: string): string | undefined {
  return dbPath === ':memory:' ? undefined : join(dirname(dbPath), 'providers.json')
}

export class ProviderStore {
  private memory: StoredProvider[] = []

  constructor(
    private readonly path: string | undefined,
    private readonly vault: KeyVault,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  private read(): StoredProvider[] {
    if (!this.path) return this.memory
    if (!existsSync(this.path)) return []
    if (process.platform !== 'win32') {
      const mode = statSync(this.path).mode & 0o777
      if (mode & 0o077) {
        throw new ApiError(
          'bad-request',
          `${this.path} can be read by other users (mode ${mode.toString(8).padStart(3, '0')}); it may hold API keys, so tracedeck will not use it: run "chmod 600 ${this.path}"`,
        )
      }
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(readFileSync(this.path, 'utf8'))
    } catch (err) {
      throw new ApiError(
        'bad-request',
        `${this.path} is not valid JSON (${(err as Error).message}); fix or remove it`,
      )
    }
    const list = (parsed as { providers?: unknown }).providers
    if (!Array.isArray(list))
      throw new ApiError('bad-request', `${this.path} has no "providers" list; fix or remove it`)
    return list.filter(
      (p): p is StoredProvider =>
        typeof p === 'object' &&
        p !== null &&
        typeof p.id === 'string' &&
        typeof p.name === 'string' &&
        (p.kind === 'openai' || p.kind === 'anthropic'),
    )
  }

  private write(list: StoredProvider[]): void {
    if (!this.path) {
      this.memory = list
      return
    }
    const tmp = `${this.path}.${process.pid}.tmp`
    writeFileSync(tmp, `${JSON.stringify({ providers: list }, null, 2)}\n`, { mode: 0o600 })
    chmodSync(tmp, 0o600)
    renameSync(tmp, this.path)
  }

  private info(p: StoredProvider): ProviderInfo {
    const env = p.apiKeyEnv ?? DEFAULT_KEY_ENV[p.kind]
    const key: ProviderInfo['key'] = p.key
      ? p.key.scheme === this.vault.scheme
        ? { source: 'stored' }
        : {
            source: this.env[env] ? 'env' : 'none',
            env,
            hint: `the stored key is sealed by the ${p.key.scheme === 'safeStorage' ? 'desktop app' : p.key.scheme} and cannot be read here`,
          }
      : { source: this.env[env] ? 'env' : 'none', env }
    return {
      id: p.id,
      name: p.name,
      kind: p.kind,
      ...(p.baseUrl ? { baseUrl: p.baseUrl } : {}),
      ...(p.defaultModel ? { defaultModel: p.defaultModel } : {}),
      key,
    }
  }

  list(): ProviderInfo[] {
    return this.read().map((p) => this.info(p))
  }

  /** Adds or updates a provider; a key given is sealed and stored, never returned. */
  save(input: ProviderInput): ProviderInfo {
    const list = this.read()
    const at = input.id ? list.findIndex((p) => p.id === input.id) : -1
    if (input.id && at < 0) throw new ApiError('not-found', `No provider with id ${input.id}`)
    const prev = at >= 0 ? list[at] : undefined
    const next: StoredProvider = {
      id: prev?.id ?? randomUUID().slice(0, 8),
      name: input.name.trim(),
      kind: input.kind,
      ...(input.baseUrl ? { baseUrl: input.baseUrl.replace(/\/+$/, '') } : {}),
      ...(input.defaultModel?.trim() ? { defaultModel: input.defaultModel.trim() } : {}),
      ...(input.apiKeyEnv ? { apiKeyEnv: input.apiKeyEnv } : {}),
    }
    if (input.apiKey)
      next.key = { scheme: this.vault.scheme, value: this.vault.seal(input.apiKey.trim()) }
    else if (prev?.key && !input.clearKey) next.key = prev.key
    if (at >= 0) list[at] = next
    else list.push(next)
    this.write(list)
    return this.info(next)
  }

  delete(id: string): boolean {
    const list = this.read()
    const rest = list.filter((p) => p.id !== id)
    if (rest.length === list.length) return false
    this.write(rest)
    return true
  }

  /** A provider with its key, for the client; throws not-found for an unknown id. */
  resolve(id: string): ResolvedProvider {
    const p = this.read().find((x) => x.id === id)
    if (!p)
      throw new ApiError(
        'not-found',
        `No provider with id ${id} (add one in Settings → Providers, or "tracedeck rerun --provider openai --base-url …")`,
      )
    const info = this.info(p)
    let apiKey: string | undefined
    if (p.key && p.key.scheme === this.vault.scheme) {
      try {
        apiKey = this.vault.open(p.key.value)
      } catch {
        throw new ApiError(
          'bad-request',
          `The stored key of provider "${p.name}" cannot be decrypted on this machine; enter it again`,
        )
      }
    } else apiKey = this.env[info.key.env ?? DEFAULT_KEY_ENV[p.kind]] || undefined
    return { ...info, apiKey }
  }

  /** A provider that is not saved (the CLI's --provider/--base-url), keyed from the environment. */
  adHoc(
    kind: ProviderKind,
    baseUrl: string | undefined,
    defaultModel: string | undefined,
  ): ResolvedProvider {
    const env = DEFAULT_KEY_ENV[kind]
    return {
      id: `${kind}-adhoc`,
      name: baseUrl ? `${kind} at ${baseUrl}` : kind,
      kind,
      ...(baseUrl ? { baseUrl: baseUrl.replace(/\/+$/, '') } : {}),
      ...(defaultModel ? { defaultModel } : {}),
      key: { source: this.env[env] ? 'env' : 'none', env },
      apiKey: this.env[env] || undefined,
    }
  }
}
