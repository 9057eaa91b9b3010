/**
 * "Re-run…": a button for the trace header and its dialog. The dialog picks a provider and the
 * overrides (model, model mapping, parameters, system prompt or a saved prompt version, carry
 * forward), previews every LLM call (original → new model, messages, estimated tokens and cost,
 * the spans that keep their results and why), starts the run, and lists the trace's runs live.
 * The run started last opens straight into the comparison when it completes.
 */
import { useEffect, useRef, useState } from 'react'
import type { Json } from '../../../../shared/model'
import {
  parseModelMap,
  parseParam,
  type PromptVersion,
  type RerunOverrides,
  type RerunPreview,
} from '../../../../shared/rerun'
import { Button } from '../../components/Button'
import { getHost } from '../../host'
import { formatCost, formatCount } from '../../lib/format'
import { useNav } from '../../stores/nav-store'
import { RunList } from './RunList'
import { useProviders, useReruns } from './use-reruns'
import '../compare/compare-picker.css'
import './rerun.css'

export function RerunButton({ traceId }: { traceId: string }) {
  const [open, setOpen] = useState(false)
  if (getHost().readOnly) return null
  return (
    <>
      <Button
        size="sm"
        variant="secondary"
        icon="sparkle"
        className="td-rerun-btn"
        aria-label="Re-run…"
        onClick={() => setOpen(true)}
        title="Re-run this trace's LLM calls with another model, prompt or parameters"
      >
        Re-run…
      </Button>
      {open && <RerunDialog traceId={traceId} onClose={() => setOpen(false)} />}
    </>
  )
}

interface Form {
  providerId: string
  model: string
  map: string
  params: string
  system: string
  prompt: string
  promptName: string
  carryForward: boolean
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)

/** The form as overrides; throws a readable error for a bad line. */
export function overridesFromForm(f: Form): RerunOverrides {
  const o: RerunOverrides = {}
  if (f.model.trim()) o.model = f.model.trim()
  const map = lines(f.map)
  if (map.length) o.modelMap = parseModelMap(map)
  const params = lines(f.params)
  if (params.length) o.params = Object.fromEntries(params.map(parseParam)) as Record<string, Json>
  if (f.prompt) o.prompt = f.prompt
  if (f.system.trim()) o.system = f.system
  if (f.carryForward) o.carryForward = true
  return o
}

export function RerunDialog({ traceId, onClose }: { traceId: string; onClose(): void }) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  const { providers, error: providerError } = useProviders()
  const { runs } = useReruns(traceId)
  const [prompts, setPrompts] = useState<PromptVersion[]>([])
  const [form, setForm] = useState<Form>({
    providerId: '',
    model: '',
    map: '',
    params: '',
    system: '',
    prompt: '',
    promptName: '',
    carryForward: false,
  })
  const [preview, setPreview] = useState<RerunPreview | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [lastStarted, setLastStarted] = useState<string | null>(null)
  const go = useNav((s) => s.go)

  useEffect(() => {
    const dialog = dialogRef.current
    if (dialog && !dialog.open) dialog.showModal()
    void getHost()
      .api.listPrompts({})
      .then(setPrompts)
      .catch(() => setPrompts([]))
  }, [])
  // The first provider until the user picks one.
  const providerId = form.providerId || providers?.[0]?.id || ''
  // The run started last opens into the comparison as soon as it completes.
  useEffect(() => {
    const run = runs.find((r) => r.id === lastStarted)
    if (run?.status === 'completed' && run.replayTraceId)
      go({ name: 'compare', a: traceId, b: run.replayTraceId })
  }, [runs, lastStarted, traceId, go])

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [key]: value }))
    setPreview(null)
  }
  const request = () => ({ traceId, providerId, overrides: overridesFromForm(form) })
  const act = async (what: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await what()
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  const onPreview = () => act(async () => setPreview(await getHost().api.previewRerun(request())))
  const onRun = () =>
    act(async () => {
      const run = await getHost().api.startRerun(request())
      setLastStarted(run.id)
    })
  const onSavePrompt = () =>
    act(async () => {
      const v = await getHost().api.savePrompt({ name: form.promptName.trim(), text: form.system })
      setPrompts(await getHost().api.listPrompts({}))
      setForm((f) => ({ ...f, prompt: `${v.name}@${v.version}`, system: '' }))
    })

  const noProviders = providers !== null && providers.length === 0
  return (
    <dialog
      ref={dialogRef}
      className="td-pick td-rerun"
      aria-label="Re-run this trace"
      onClose={onClose}
      onCancel={onClose}
    >
      <div className="td-pick__head">
        <h2>Re-run this trace</h2>
        <p>
          Every LLM call is sent again with its recorded messages, tools and parameters plus your
          changes; tool, retrieval and other spans keep their recorded results. The result is a new
          trace, compared with this one.
        </p>
      </div>
      <div className="td-rerun__body">
        {(providerError || noProviders) && (
          <p className="td-rerun__note" role="status">
            {providerError ?? 'No model endpoint is configured yet.'}{' '}
            <button type="button" className="td-linkbtn" onClick={() => go({ name: 'settings' })}>
              Add a provider in Settings
            </button>
          </p>
        )}
        <div className="td-rerun__form">
          <label>
            <span>Provider</span>
            <select value={providerId} onChange={(e) => set('providerId', e.target.value)}>
              {(providers ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.baseUrl ?? p.kind})
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>Model for every call</span>
            <input
              value={form.model}
              placeholder={
                providers?.find((p) => p.id === providerId)?.defaultModel ?? 'as recorded'
              }
              onChange={(e) => set('model', e.target.value)}
            />
          </label>
          <label>
            <span>Model mapping (one per line)</span>
            <textarea
              rows={2}
              value={form.map}
              placeholder="gpt-4o=gpt-4o-mini"
              onChange={(e) => set('map', e.target.value)}
            />
          </label>
          <label>
            <span>Parameters (one per line; name= removes)</span>
            <textarea
              rows={2}
              value={form.params}
              placeholder="temperature=0"
              onChange={(e) => set('params', e.target.value)}
            />
          </label>
          <label className="td-rerun__wide">
            <span>System prompt (replaces each call's)</span>
            <textarea
              rows={3}
              value={form.system}
              onChange={(e) => set('system', e.target.value)}
            />
          </label>
          <div className="td-rerun__row td-rerun__wide">
            <input
              aria-label="Prompt name"
              placeholder="prompt name, e.g. support-agent"
              value={form.promptName}
              onChange={(e) => setForm((f) => ({ ...f, promptName: e.target.value }))}
            />
            <Button
              size="sm"
              disabled={
                busy || !form.system.trim() || !/^[\w.-]{1,100}$/.test(form.promptName.trim())
              }
              onClick={onSavePrompt}
            >
              Save as prompt version
            </Button>
            <label className="td-rerun__inline">
              <span>Prompt version</span>
              <select value={form.prompt} onChange={(e) => set('prompt', e.target.value)}>
                <option value="">none</option>
                {prompts.map((p) => (
                  <option key={`${p.name}@${p.version}`} value={`${p.name}@${p.version}`}>
                    {p.name}@{p.version}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <label className="td-rerun__check td-rerun__wide">
            <input
              type="checkbox"
              checked={form.carryForward}
              onChange={(e) => set('carryForward', e.target.checked)}
            />
            <span>
              <strong>Carry new answers forward</strong> — where a later call quoted an earlier
              call's recorded answer, send the new answer instead (shows how the conversation would
              have gone)
            </span>
          </label>
        </div>
        {error && (
          <p className="td-rerun__error" role="alert">
            {error}
          </p>
        )}
        {preview && <PreviewTable preview={preview} />}
        <RunList traceId={traceId} runs={runs} />
      </div>
      <div className="td-pick__foot td-rerun__foot">
        <Button variant="ghost" onClick={onClose}>
          Close
        </Button>
        <Button disabled={busy || !providerId} onClick={onPreview}>
          Preview
        </Button>
        <Button variant="primary" disabled={busy || !providerId} onClick={onRun}>
          Run
        </Button>
      </div>
    </dialog>
  )
}

function PreviewTable({ preview }: { preview: RerunPreview }) {
  return (
    <section className="td-rerun__preview" aria-label="Preview">
      <h3>
        Preview · {preview.calls.length} LLM call{preview.calls.length === 1 ? '' : 's'} ·{' '}
        {preview.otherSpans} other span{preview.otherSpans === 1 ? '' : 's'} kept · ~
        {formatCount(preview.estInputTokens)} input tokens ·{' '}
        {preview.estCost === null
          ? 'cost unknown (model not in the price table)'
          : formatCost(preview.estCost, true)}
        {preview.carryForward ? ' · carrying answers forward' : ''}
      </h3>
      <table className="td-rerun__table">
        <thead>
          <tr>
            <th>Step</th>
            <th>Span</th>
            <th>Model</th>
            <th>Messages</th>
            <th>~Tokens</th>
            <th>~Cost</th>
          </tr>
        </thead>
        <tbody>
          {preview.calls.map((c) => (
            <tr key={c.span}>
              <td className="td-num">{c.span + 1}</td>
              <td className="td-ellipsis" title={`${c.name} (${c.convention})`}>
                {c.name}
              </td>
              <td className="td-ellipsis" title={JSON.stringify(c.params)}>
                {c.originalModel ?? '—'} → <strong>{c.model}</strong>
              </td>
              <td>
                <details>
                  <summary>
                    {c.messages.length}
                    {c.tools.length ? ` · ${c.tools.length} tools` : ''}
                  </summary>
                  <ol className="td-rerun__msgs">
                    {c.messages.map((m, i) => (
                      <li key={i}>
                        <b>{m.role}</b>{' '}
                        {m.text ?? (m.toolCalls ?? []).map((t) => `${t.name}(…)`).join(' ')}
                      </li>
                    ))}
                  </ol>
                </details>
              </td>
              <td className="td-num">{formatCount(c.estInputTokens)}</td>
              <td className="td-num">{c.estCost === null ? '–' : formatCost(c.estCost, true)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.kept.length > 0 && (
        <ul className="td-rerun__kept">
          {preview.kept.map((k) => (
            <li key={k.span}>
              Step {k.span + 1} “{k.name}” keeps its recorded result: {k.reason}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
