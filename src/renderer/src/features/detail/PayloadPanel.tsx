import { useMemo, useState } from 'react'
import type { Payload } from '../../../../shared/model'
import { Button } from '../../components/Button'
import { JsonTree } from '../../components/JsonTree'
import { Tabs } from '../../components/Tabs'
import { toast } from '../../components/Toaster'
import { formatBytes, formatCount } from '../../lib/format'
import { usePrefs } from '../../stores/prefs-store'
import { Conversation } from './Conversation'
import { clip, payloadText, payloadViews, VIEW_ORDER, type PayloadView } from './payload-text'

const VIEW_LABELS: Record<PayloadView, string> = {
  conversation: 'Conversation',
  json: 'JSON',
  raw: 'Raw',
}

// The tab last chosen per panel ("Input", "Output"), kept while stepping from span to span.
const lastChosen = new Map<string, PayloadView>()

/**
 * One payload (a span's input or output) with Conversation / JSON / Raw tabs. Payloads over the
 * size gate are shown truncated with a notice and a "Show all" button.
 */
export function PayloadPanel({ title, payload }: { title: string; payload?: Payload }) {
  return (
    <section className="td-payload" aria-label={title}>
      {payload ? (
        <PayloadBody title={title} payload={payload} />
      ) : (
        <>
          <h3 className="td-payload__title td-payload__title--bare">{title}</h3>
          <p className="td-payload__none">No {title.toLowerCase()} recorded for this span.</p>
        </>
      )}
    </section>
  )
}

function PayloadBody({ title, payload }: { title: string; payload: Payload }) {
  const preferred = usePrefs((p) => p.preferredPayloadView)
  const gateChars = usePrefs((p) => p.payloadGateChars)
  const markdown = usePrefs((p) => p.renderMarkdown)
  const setPrefs = usePrefs((p) => p.setPrefs)
  const [chosen, setChosen] = useState<PayloadView>(() => lastChosen.get(title) ?? preferred)
  const [showAll, setShowAll] = useState(false)

  const text = useMemo(() => payloadText(payload), [payload])
  const views = payloadViews(payload, chosen)
  const active = views[0]
  const large = text.length > gateChars
  const gate = showAll ? Number.POSITIVE_INFINITY : gateChars

  const choose = (view: PayloadView) => {
    lastChosen.set(title, view)
    setChosen(view)
  }

  const copy = () =>
    navigator.clipboard.writeText(text).then(
      () => toast({ tone: 'ok', title: `${title} copied`, timeout: 2000 }),
      (error: Error) =>
        toast({
          tone: 'error',
          title: `Could not copy the ${title.toLowerCase()}`,
          body: error.message,
        }),
    )

  return (
    <>
      <h3 className="td-visually-hidden">{title}</h3>
      <Tabs
        label={`${title} view`}
        className="td-payload__tabs"
        active={active}
        onChange={choose}
        leading={
          <span className="td-payload__title" aria-hidden>
            {title}
          </span>
        }
        tabs={VIEW_ORDER.filter((v) => views.includes(v)).map((v) => ({
          key: v,
          label: VIEW_LABELS[v],
          shortLabel: v === 'conversation' ? 'Chat' : undefined,
          hint:
            v === 'conversation'
              ? payload.messages?.length
              : v === 'raw'
                ? formatBytes(text.length)
                : undefined,
        }))}
        actions={
          <>
            {active === 'conversation' && (
              <Button
                size="sm"
                variant="ghost"
                aria-pressed={markdown}
                aria-label="Markdown"
                title="Render message text as markdown (sanitised)"
                onClick={() => setPrefs({ renderMarkdown: !markdown })}
              >
                {/* In a narrow bar (a compare pane) the toggle shrinks so the tabs keep their names. */}
                <span className="td-tabs__wide">Markdown</span>
                <span className="td-tabs__narrow" aria-hidden>
                  MD
                </span>
              </Button>
            )}
            <Button
              size="sm"
              variant="ghost"
              icon="copy"
              aria-label={`Copy ${title.toLowerCase()}`}
              title="Copy"
              onClick={copy}
            />
          </>
        }
      >
        {large && !showAll && (
          <div className="td-gate" role="note">
            <span>
              Large {title.toLowerCase()} ({formatBytes(text.length)}): showing a truncated view.
            </span>
            <Button size="sm" onClick={() => setShowAll(true)}>
              Show all
            </Button>
          </div>
        )}
        <div className="td-payload__body">
          {active === 'conversation' && payload.messages ? (
            <Conversation
              messages={payload.messages}
              limit={gate}
              markdown={markdown}
              label={`${title} conversation`}
            />
          ) : active === 'json' ? (
            <JsonTree value={payload.value} label={`${title} JSON`} />
          ) : (
            <RawText text={text} gate={gate} />
          )}
        </div>
      </Tabs>
    </>
  )
}

function RawText({ text, gate }: { text: string; gate: number }) {
  const shown = clip(text, gate)
  return (
    <pre className="td-raw">
      {shown.text}
      {shown.clipped && (
        <span className="td-raw__more">{`\n… ${formatCount(shown.total - shown.text.length)} more characters`}</span>
      )}
    </pre>
  )
}
