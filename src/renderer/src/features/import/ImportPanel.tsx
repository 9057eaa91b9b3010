import { useEffect, useState } from 'react'
import type { ImportReport } from '../../../../shared/model'
import {
  countsText,
  countsTotal,
  importHeadline,
  importOutcome,
  repairLine,
  reportCounts,
} from '../../../../shared/import-report'
import { Badge } from '../../components/Badge'
import { Button } from '../../components/Button'
import { Icon } from '../../components/Icon'
import { ProgressBar } from '../../components/ProgressBar'
import { plural } from '../../lib/format'
import {
  comparisonPair,
  isCancelledReport,
  useImports,
  type ImportFileState,
  type ImportJob,
} from '../../stores/import-store'
import { useNav } from '../../stores/nav-store'
import { fileStatus } from './file-status'
import { formatLabel } from './format-labels'
import './import.css'

/** How long a successful import's card stays before it clears itself. */
const SUCCESS_CLEARS_MS = 6000

/** Import jobs in progress and their reports, docked at the bottom right of the window. */
export function ImportPanel() {
  const jobs = useImports((s) => s.jobs)
  if (jobs.length === 0) return null
  return (
    <div className="td-imports">
      {jobs.map((job) => (
        <JobCard key={job.id} job={job} />
      ))}
    </div>
  )
}

function JobCard({ job }: { job: ImportJob }) {
  const { cancel, dismiss } = useImports.getState()
  const go = useNav((s) => s.go)
  const viewing = useNav((s) =>
    s.view.name === 'trace'
      ? s.view.traceId
      : s.view.name === 'compare'
        ? `${s.view.a}|${s.view.b}`
        : null,
  )
  const running = job.status === 'running'
  const reports = job.reports
  const traces = reports.flatMap((r) => (r.error ? [] : r.traces))
  const pair = running ? null : comparisonPair(reports, job.files.length)
  const outcome = importOutcome(reports, job.error ? 1 : 0)
  const failed = outcome.failed
  // Says what happened: "9 new traces · 1 already in the library · 5 files failed".
  const title = running
    ? `Importing ${plural(job.files.length, 'file')}`
    : job.status === 'cancelled' && outcome.added === 0 && outcome.already === 0
      ? 'Import cancelled'
      : importHeadline(outcome)
  const tone = running
    ? 'running'
    : failed
      ? traces.length
        ? 'warning'
        : 'error'
      : job.status === 'cancelled'
        ? 'warning'
        : 'ok'
  const issues = countsTotal(outcome.counts)
  const spans = reports.reduce((n, r) => n + r.traces.reduce((m, t) => m + t.spanCount, 0), 0)
  // Finished cards fold to one line so they do not cover the trace; failures stay open.
  const [userExpanded, setUserExpanded] = useState<boolean | null>(null)
  const expanded = userExpanded ?? (running || failed > 0)
  const clean = !running && failed === 0 && job.status === 'done'

  // A success clears itself after a few seconds; failures and notes stay until dismissed.
  useEffect(() => {
    if (!clean || userExpanded) return
    const timer = setTimeout(() => dismiss(job.id), issues ? 2 * SUCCESS_CLEARS_MS : SUCCESS_CLEARS_MS)
    return () => clearTimeout(timer)
  }, [clean, issues, userExpanded, dismiss, job.id])

  return (
    <section className={`td-job td-job--${tone}`} aria-label={title} aria-live="polite">
      <header className="td-job__head">
        <span className="td-job__icon">
          <Icon
            name={
              running ? 'upload' : tone === 'ok' ? 'check' : tone === 'error' ? 'error' : 'alert'
            }
          />
        </span>
        <h2 className="td-job__title">{title}</h2>
        {!expanded && (
          <span className="td-job__summary td-num">
            {job.status === 'cancelled' && traces.length === 0
              ? 'Nothing was added'
              : plural(spans, 'span')}
            {issues > 0 && (
              <span className="td-job__warn"> · {countsText(outcome.counts)}</span>
            )}
          </span>
        )}
        {!running && (
          <Button
            size="sm"
            variant="ghost"
            aria-expanded={expanded}
            onClick={() => setUserExpanded(!expanded)}
          >
            {expanded ? 'Hide details' : 'Details'}
          </Button>
        )}
        {running ? (
          <Button size="sm" variant="danger" onClick={() => void cancel(job.id)}>
            Cancel
          </Button>
        ) : (
          <Button
            size="sm"
            variant="ghost"
            icon="close"
            aria-label="Dismiss import report"
            onClick={() => dismiss(job.id)}
          />
        )}
      </header>
      {expanded && (
        <div className="td-job__files">
          {job.files.map((file, i) => (
            <FileRow key={i} file={file} />
          ))}
          {job.error && (
            <p className="td-job__error" role="alert">
              {job.error}
            </p>
          )}
        </div>
      )}
      {expanded &&
        !running &&
        traces.length > 0 &&
        !(traces.length === 1 && viewing === traces[0].id) &&
        !(pair && viewing === `${pair.a}|${pair.b}`) && (
          <footer className="td-job__foot">
            {pair ? (
              <Button size="sm" variant="primary" onClick={() => go({ name: 'compare', ...pair })}>
                Compare the two traces
              </Button>
            ) : traces.length === 1 ? (
              <Button
                size="sm"
                variant="primary"
                onClick={() => go({ name: 'trace', traceId: traces[0].id })}
              >
                Open trace
              </Button>
            ) : (
              <Button size="sm" variant="primary" onClick={() => go({ name: 'library' })}>
                Show {plural(traces.length, 'trace')} in library
              </Button>
            )}
          </footer>
        )}
    </section>
  )
}

function FileRow({ file }: { file: ImportFileState }) {
  const report = file.report
  const status = fileStatus(file)
  const finished = file.phase === 'done' || file.phase === 'failed'
  return (
    <div className="td-file">
      <div className="td-file__line">
        <Icon name="file" size={14} />
        <span className="td-file__name td-ellipsis" title={file.name}>
          {file.name}
        </span>
        <span
          className={`td-file__status td-file__status--${file.phase}`}
          data-testid="file-status"
          title={status.step ?? undefined}
        >
          {status.step && <span className="td-file__step">{status.step} · </span>}
          {/* Over: the size first, then the outcome ("14 KB · Done"); moving: the stage, then its bytes. */}
          {status.over && status.bytes && (
            <span className="td-file__bytes td-num">{status.bytes} · </span>
          )}
          <span className="td-file__phase">{status.label}</span>
          {!status.over && status.bytes && (
            <span className="td-file__bytes td-num"> {status.bytes}</span>
          )}
        </span>
      </div>
      <ProgressBar
        label={`Importing ${file.name}`}
        // A finished file's bar is full, green or red: a half-red bar would read as "half failed".
        value={finished ? file.bytesTotal || 1 : file.bytesDone}
        max={file.bytesTotal || (finished ? 1 : 0)}
        tone={file.phase === 'failed' ? 'error' : file.phase === 'done' ? 'ok' : 'accent'}
      />
      {report && <ReportDetails report={report} />}
    </div>
  )
}

function ReportDetails({ report }: { report: ImportReport }) {
  const spans = report.traces.reduce((n, t) => n + t.spanCount, 0)
  if (isCancelledReport(report)) {
    return <p className="td-ireport__why">Cancelled: nothing from this file was added.</p>
  }
  if (report.error) {
    return (
      <p className="td-file__error" role="alert">
        {report.error}
      </p>
    )
  }
  return (
    <div className="td-ireport">
      <p className="td-ireport__summary">
        {report.format && <Badge tone="accent">{formatLabel(report.format)}</Badge>}
        <span className="td-num">
          {plural(report.traces.length, 'trace')} · {plural(spans, 'span')}
        </span>
        {report.cached && (
          <Badge title="The same file was imported before; nothing was re-read">
            Already in library
          </Badge>
        )}
      </p>
      {report.detectedBy && <p className="td-ireport__why">Detected by {report.detectedBy}</p>}
      <Issues report={report} />
    </div>
  )
}

const SHOWN = 8

/** Every listed repair and warning, grouped by kind; long lists open on demand. */
function Issues({ report }: { report: ImportReport }) {
  const [all, setAll] = useState(false)
  const items = [
    ...report.warnings.map((w) => ({ tag: 'warning', text: w })),
    ...report.repairs.map((r) => ({
      tag: r.kind,
      text: repairLine(r),
    })),
  ]
  if (items.length === 0) return null
  const counts = new Map<string, number>()
  for (const item of items) counts.set(item.tag, (counts.get(item.tag) ?? 0) + 1)
  const visible = all ? items : items.slice(0, SHOWN)
  return (
    <details className="td-issues" open={items.length <= 3}>
      <summary>
        {countsText(reportCounts(report))}
        <span className="td-issues__counts">
          {[...counts].map(([tag, n]) => (
            <Badge key={tag} tone={tag === 'warning' ? 'warning' : 'neutral'}>
              {tag} {n}
            </Badge>
          ))}
        </span>
      </summary>
      <ul className="td-issues__list">
        {visible.map((item, i) => (
          <li key={i}>
            <span className="td-issues__tag">{item.tag}</span> {item.text}
          </li>
        ))}
      </ul>
      {items.length > visible.length && (
        <Button size="sm" variant="ghost" onClick={() => setAll(true)}>
          Show all {items.length}
        </Button>
      )}
    </details>
  )
}
