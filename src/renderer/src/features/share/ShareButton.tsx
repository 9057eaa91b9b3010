/**
 * "Export HTML…" (Export → Replay as HTML) for a trace (in its header) or a comparison (in its toolbar): a
 * button and a dialog with the export's options. The host builds the page (exportShareHtml);
 * the renderer hands it to the user as a download, which the browser host saves like any
 * download and the desktop shell answers with its save dialog.
 */
import { useEffect, useRef, useState } from 'react'
import type { ApiRequest } from '../../../../shared/api'
import type { ShareRedaction } from '../../../../shared/share-format'
import { Button } from '../../components/Button'
import { toast } from '../../components/Toaster'
import { getHost } from '../../host'
import { formatBytes, formatCount } from '../../lib/format'
import './share.css'

export interface ShareTarget {
  a: string
  b?: string
  /** The step the user is on (0-based), offered as the step to open at and the range's centre. */
  currentStep?: () => number
  stepCount?: () => number
}

/** The button; renders nothing in a host that only reads (a shared file cannot export again). */
export function ShareButton(target: ShareTarget) {
  const [open, setOpen] = useState(false)
  if (getHost().readOnly) return null
  return (
    <>
      <Button
        size="sm"
        variant="secondary"
        onClick={() => setOpen(true)}
        title="Export a replay as one HTML file that opens offline in any browser"
      >
        Export HTML…
      </Button>
      {open && <ShareDialog target={target} onClose={() => setOpen(false)} />}
    </>
  )
}

const REDACTIONS: [ShareRedaction, string, string][] = [
  ['none', 'Keep everything', 'Inputs, outputs and attributes as the library holds them.'],
  [
    'llm-messages',
    'Only LLM messages',
    'Chat messages of LLM calls; every other payload and attribute removed.',
  ],
  [
    'payloads',
    'No payloads',
    'Inputs, outputs and attributes removed; structure, timings and errors stay.',
  ],
]

function ShareDialog({ target, onClose }: { target: ShareTarget; onClose(): void }) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  const [step] = useState(() => target.currentStep?.() ?? 0)
  const single = target.b === undefined
  const [scope, setScope] = useState<'whole' | 'around'>('whole')
  const [context, setContext] = useState(10)
  const [redaction, setRedaction] = useState<ShareRedaction>('none')
  const [note, setNote] = useState('')
  const [openHere, setOpenHere] = useState(single)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    const dialog = dialogRef.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [])

  const [stepCount] = useState(() => target.stepCount?.() ?? 0)
  const last = Math.max(0, stepCount - 1)
  const request: ApiRequest<'exportShareHtml'> = {
    a: target.a,
    ...(target.b ? { b: target.b } : {}),
    redaction,
    ...(note.trim() ? { note } : {}),
    ...(single && openHere ? { openAt: step } : {}),
    ...(single && scope === 'around'
      ? { range: { from: Math.max(0, step - context), to: Math.min(last, step + context) } }
      : {}),
  }

  const exportPage = async () => {
    setBusy(true)
    setError(null)
    try {
      const page = await getHost().api.exportShareHtml(request)
      download(page.html, page.fileName)
      onClose()
      toast({
        tone: 'ok',
        title: `Replay exported: ${page.fileName}`,
        body:
          `${formatCount(page.spans)} spans, ${formatBytes(page.bytes)}` +
          (page.cut.length
            ? ` · ${formatCount(page.cut.length)} payload${page.cut.length === 1 ? '' : 's'} over the size limit cut (the page lists them)`
            : ''),
      })
    } catch (e) {
      setError((e as Error).message)
      setBusy(false)
    }
  }

  return (
    <dialog
      ref={dialogRef}
      className="td-sharedlg"
      aria-labelledby="td-sharedlg-title"
      onClose={onClose}
      onCancel={onClose}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault()
          void exportPage()
        }}
      >
        <header className="td-sharedlg__head">
          <h2 id="td-sharedlg-title">Export replay as HTML</h2>
          <p>
            One file with the {single ? 'replay' : 'comparison'} inside: it opens offline in any
            browser, with nothing to install, and sends nothing anywhere.
          </p>
        </header>
        <div className="td-sharedlg__body">
          {single && (
            <fieldset>
              <legend>Steps</legend>
              <label>
                <input
                  type="radio"
                  name="scope"
                  checked={scope === 'whole'}
                  onChange={() => setScope('whole')}
                />
                The whole trace{stepCount ? ` (${formatCount(stepCount)} steps)` : ''}
              </label>
              <label>
                <input
                  type="radio"
                  name="scope"
                  checked={scope === 'around'}
                  onChange={() => setScope('around')}
                />
                Around step {formatCount(step + 1)}: ±
                <input
                  type="number"
                  min={0}
                  max={10_000}
                  value={context}
                  aria-label="Steps before and after"
                  className="td-sharedlg__num"
                  onChange={(e) => setContext(Math.max(0, Math.floor(Number(e.target.value) || 0)))}
                  onFocus={() => setScope('around')}
                />
                steps
              </label>
            </fieldset>
          )}
          <fieldset>
            <legend>Payloads</legend>
            {REDACTIONS.map(([value, label, hint]) => (
              <label key={value} className="td-sharedlg__choice">
                <input
                  type="radio"
                  name="redaction"
                  checked={redaction === value}
                  onChange={() => setRedaction(value)}
                />
                <span>
                  {label}
                  <span className="td-sharedlg__hint">{hint}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <label className="td-sharedlg__note">
            Note for the reader (shown at the top)
            <textarea
              rows={3}
              maxLength={10_000}
              value={note}
              placeholder="Here is where it broke: the lookup times out at step 3…"
              onChange={(e) => setNote(e.target.value)}
            />
          </label>
          {single && (
            <label>
              <input
                type="checkbox"
                checked={openHere}
                onChange={(e) => setOpenHere(e.target.checked)}
              />
              Open at step {formatCount(step + 1)} (where you are now)
            </label>
          )}
          {error && (
            <p className="td-sharedlg__error" role="alert">
              {error}
            </p>
          )}
        </div>
        <footer className="td-sharedlg__foot">
          <Button type="button" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" disabled={busy}>
            {busy ? 'Exporting…' : 'Export'}
          </Button>
        </footer>
      </form>
    </dialog>
  )
}

/** Hands the page to the user as a file download. */
function download(html: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
  // The download has its own copy once started; the URL is only needed for the click.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
