/**
 * Settings (nav view "settings"): the model endpoints re-runs use and the library's evaluators.
 * A provider is any OpenAI-compatible endpoint (OpenAI, Azure, OpenRouter, Ollama, llama.cpp,
 * vLLM, LM Studio) or Anthropic; its key is write-only here: the host stores it (encrypted in the
 * desktop app) and only ever says whether one is set. "Test connection" lists the models.
 */
import { useEffect, useState } from 'react'
import {
  EVALUATOR_KINDS,
  type Evaluator,
  type EvaluatorKind,
  type ProviderInfo,
  type ProviderKind,
} from '../../../../shared/rerun'
import { Badge } from '../../components/Badge'
import { Button } from '../../components/Button'
import { getHost } from '../../host'
import { useProviders } from './use-reruns'
import './rerun.css'

const PRESETS: { label: string; kind: ProviderKind; baseUrl: string; model: string }[] = [
  {
    label: 'Ollama (local)',
    kind: 'openai',
    baseUrl: 'http://127.0.0.1:11434/v1',
    model: 'llama3.2',
  },
  { label: 'LM Studio (local)', kind: 'openai', baseUrl: 'http://127.0.0.1:1234/v1', model: '' },
  {
    label: 'llama.cpp server (local)',
    kind: 'openai',
    baseUrl: 'http://127.0.0.1:8080/v1',
    model: '',
  },
  { label: 'OpenAI', kind: 'openai', baseUrl: '', model: 'gpt-4o-mini' },
  { label: 'OpenRouter', kind: 'openai', baseUrl: 'https://openrouter.ai/api/v1', model: '' },
  { label: 'Anthropic', kind: 'anthropic', baseUrl: '', model: 'claude-sonnet-4-5' },
]

interface Draft {
  id?: string
  name: string
  kind: ProviderKind
  baseUrl: string
  defaultModel: string
  apiKey: string
}

const EMPTY: Draft = { name: '', kind: 'openai', baseUrl: '', defaultModel: '', apiKey: '' }

function keyLabel(p: ProviderInfo): string {
  if (p.key.source === 'stored') return 'key stored'
  if (p.key.source === 'env') return `key from $${p.key.env}`
  return p.key.hint ?? `no key (set one, or $${p.key.env})`
}

export function SettingsView() {
  const { providers, error, reload } = useProviders()
  const [draft, setDraft] = useState<Draft | null>(null)
  const [message, setMessage] = useState<{
    tone: 'ok' | 'error'
    text: string
    models?: string[]
  } | null>(null)
  const [busy, setBusy] = useState(false)

  const act = async (what: () => Promise<void>) => {
    setBusy(true)
    setMessage(null)
    try {
      await what()
    } catch (e) {
      setMessage({ tone: 'error', text: (e as Error).message })
    } finally {
      setBusy(false)
    }
  }
  const save = () =>
    act(async () => {
      const d = draft!
      await getHost().api.saveProvider({
        ...(d.id ? { id: d.id } : {}),
        name: d.name,
        kind: d.kind,
        baseUrl: d.baseUrl.trim(),
        defaultModel: d.defaultModel,
        ...(d.apiKey ? { apiKey: d.apiKey } : {}),
      })
      setDraft(null)
      reload()
    })
  const test = (p: ProviderInfo) =>
    act(async () => {
      const r = await getHost().api.testProvider({ id: p.id })
      setMessage({
        tone: 'ok',
        text: `${p.name}: connected to ${r.endpoint}, ${r.models.length} models`,
        models: r.models,
      })
    })
  const remove = (p: ProviderInfo) =>
    act(async () => {
      await getHost().api.deleteProvider({ id: p.id })
      reload()
    })

  return (
    <div className="td-settings" data-testid="settings-view">
      <section className="td-settings__section" aria-labelledby="td-providers-title">
        <div className="td-settings__head">
          <h2 id="td-providers-title">Model providers</h2>
          <p className="td-muted">
            Endpoints re-runs send LLM calls to. Keys never leave this machine's tracedeck host and
            are never shown again once saved.
          </p>
        </div>
        {error && <p className="td-rerun__error">{error}</p>}
        <ul className="td-settings__list">
          {(providers ?? []).map((p) => (
            <li key={p.id} className="td-settings__item" data-testid="provider-row">
              <div className="td-settings__main">
                <strong>{p.name}</strong>
                <Badge>{p.kind === 'anthropic' ? 'Anthropic' : 'OpenAI-compatible'}</Badge>
                <code className="td-muted">{p.baseUrl ?? 'vendor default'}</code>
                {p.defaultModel && <span className="td-muted">default {p.defaultModel}</span>}
                <Badge tone={p.key.source === 'none' ? 'warning' : 'ok'}>{keyLabel(p)}</Badge>
              </div>
              <div className="td-settings__actions">
                <Button size="sm" disabled={busy} onClick={() => test(p)}>
                  Test connection
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() =>
                    setDraft({
                      id: p.id,
                      name: p.name,
                      kind: p.kind,
                      baseUrl: p.baseUrl ?? '',
                      defaultModel: p.defaultModel ?? '',
                      apiKey: '',
                    })
                  }
                >
                  Edit
                </Button>
                <Button size="sm" variant="ghost" onClick={() => remove(p)}>
                  Remove
                </Button>
              </div>
            </li>
          ))}
        </ul>
        {message && (
          <div className={`td-settings__msg td-settings__msg--${message.tone}`} role="status">
            {message.text}
            {message.models && message.models.length > 0 && (
              <div className="td-settings__models">{message.models.slice(0, 60).join(' · ')}</div>
            )}
          </div>
        )}
        {draft ? (
          <form
            className="td-rerun__form td-settings__form"
            aria-label={draft.id ? 'Edit provider' : 'Add provider'}
            onSubmit={(e) => {
              e.preventDefault()
              void save()
            }}
          >
            {!draft.id && (
              <label className="td-rerun__wide">
                <span>Start from</span>
                <select
                  defaultValue=""
                  onChange={(e) => {
                    const p = PRESETS.find((x) => x.label === e.target.value)
                    if (p)
                      setDraft({
                        ...draft,
                        name: draft.name || p.label.replace(/ \(local\)$/, ''),
                        kind: p.kind,
                        baseUrl: p.baseUrl,
                        defaultModel: p.model,
                      })
                  }}
                >
                  <option value="">a preset…</option>
                  {PRESETS.map((p) => (
                    <option key={p.label}>{p.label}</option>
                  ))}
                </select>
              </label>
            )}
            <label>
              <span>Name</span>
              <input
                required
                value={draft.name}
                onChange={(e) => setDraft({ ...draft, name: e.target.value })}
              />
            </label>
            <label>
              <span>API</span>
              <select
                value={draft.kind}
                onChange={(e) => setDraft({ ...draft, kind: e.target.value as ProviderKind })}
              >
                <option value="openai">OpenAI-compatible</option>
                <option value="anthropic">Anthropic Messages</option>
              </select>
            </label>
            <label>
              <span>Base URL (empty: the vendor's)</span>
              <input
                value={draft.baseUrl}
                placeholder="http://127.0.0.1:11434/v1"
                onChange={(e) => setDraft({ ...draft, baseUrl: e.target.value })}
              />
            </label>
            <label>
              <span>Default model</span>
              <input
                value={draft.defaultModel}
                onChange={(e) => setDraft({ ...draft, defaultModel: e.target.value })}
              />
            </label>
            <label className="td-rerun__wide">
              <span>
                API key{' '}
                {draft.id ? '(leave empty to keep the stored one)' : '(local servers need none)'}
              </span>
              <input
                type="password"
                autoComplete="off"
                value={draft.apiKey}
                onChange={(e) => setDraft({ ...draft, apiKey: e.target.value })}
              />
            </label>
            <div className="td-rerun__row td-rerun__wide">
              <Button type="submit" variant="primary" disabled={busy || !draft.name.trim()}>
                Save provider
              </Button>
              <Button variant="ghost" onClick={() => setDraft(null)}>
                Cancel
              </Button>
            </div>
          </form>
        ) : (
          <Button onClick={() => setDraft({ ...EMPTY })}>Add provider</Button>
        )}
      </section>
      <EvaluatorsSection providers={providers ?? []} />
    </div>
  )
}

const KIND_LABEL: Record<EvaluatorKind, string> = {
  similarity: 'similarity to the original',
  'json-valid': 'valid JSON where the original was',
  'same-tool-calls': 'same tool calls as the original',
  regex: 'final answer matches a regex',
  contains: 'final answer contains a text',
  'latency-budget': 'latency budget (ms)',
  'cost-budget': 'cost budget (USD)',
  'llm-judge': 'LLM as judge',
}

function EvaluatorsSection({ providers }: { providers: ProviderInfo[] }) {
  const [list, setList] = useState<Evaluator[]>([])
  const [kind, setKind] = useState<EvaluatorKind>('contains')
  const [name, setName] = useState('')
  const [value, setValue] = useState('')
  const [providerId, setProviderId] = useState('')
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    void getHost().api.listEvaluators({}).then(setList)
  }, [])
  const add = async () => {
    setError(null)
    try {
      await getHost().api.saveEvaluator({
        name: name.trim() || KIND_LABEL[kind],
        kind,
        ...(kind === 'regex' || kind === 'contains' ? { pattern: value } : {}),
        ...(kind === 'latency-budget' || kind === 'cost-budget' ? { budget: Number(value) } : {}),
        ...(kind === 'llm-judge'
          ? { providerId: providerId || providers[0]?.id, model: value }
          : {}),
      })
      setName('')
      setValue('')
      setList(await getHost().api.listEvaluators({}))
    } catch (e) {
      setError((e as Error).message)
    }
  }
  const toggle = async (e: Evaluator) => {
    const { id, name: n, kind: k, enabled, ...rest } = e
    await getHost().api.saveEvaluator({ ...rest, id, name: n, kind: k, enabled: !enabled })
    setList(await getHost().api.listEvaluators({}))
  }
  return (
    <section className="td-settings__section" aria-labelledby="td-evals-title">
      <div className="td-settings__head">
        <h2 id="td-evals-title">Evaluators</h2>
        <p className="td-muted">
          Every completed re-run and its original are scored by the enabled evaluators; the
          comparison shows both runs' scores side by side.
        </p>
      </div>
      <ul className="td-settings__list">
        {list.map((e) => (
          <li key={e.id} className="td-settings__item">
            <label className="td-settings__main">
              <input type="checkbox" checked={e.enabled} onChange={() => void toggle(e)} />
              <strong>{e.name}</strong>
              <span className="td-muted">
                {KIND_LABEL[e.kind]}
                {e.pattern ? `: ${e.pattern}` : ''}
                {e.budget !== undefined ? `: ${e.budget}` : ''}
                {e.model ? `: ${e.model}` : ''}
              </span>
            </label>
          </li>
        ))}
      </ul>
      <div className="td-rerun__row">
        <select
          aria-label="Evaluator kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as EvaluatorKind)}
        >
          {EVALUATOR_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </select>
        <input
          aria-label="Evaluator name"
          placeholder="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        {kind === 'llm-judge' && (
          <select
            aria-label="Judge provider"
            value={providerId}
            onChange={(e) => setProviderId(e.target.value)}
          >
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        )}
        <input
          aria-label="Evaluator setting"
          placeholder={
            kind === 'llm-judge' ? 'judge model' : kind.endsWith('budget') ? 'budget' : 'pattern'
          }
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        <Button size="sm" onClick={() => void add()}>
          Add evaluator
        </Button>
      </div>
      {error && <p className="td-rerun__error">{error}</p>}
    </section>
  )
}
