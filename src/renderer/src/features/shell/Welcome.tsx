import { Button } from '../../components/Button'
import { LiveToggle } from '../library/LivePanel'
import { Icon } from '../../components/Icon'
import { useApp } from '../../stores/app-store'
import { useImports } from '../../stores/import-store'
import { requestOpenDialog } from '../import/OpenFiles'
import { Logo, OPEN_SHORTCUT } from './TopBar'
import './shell.css'

const FORMATS = [
  'OTLP JSON',
  'OpenInference',
  'OpenLLMetry',
  'OTel GenAI',
  'Vercel AI SDK',
  'Jaeger',
  'Zipkin',
  'Langfuse',
  'LangSmith',
  'OpenAI Agents',
  'Phoenix',
  'Chrome trace',
]

/** First run: the library is empty. Invite a drop, a file pick, or the bundled sample. */
export function Welcome() {
  const hasSample = useApp((s) => s.info?.hasSample ?? true)
  const dbPath = useApp((s) => s.info?.dbPath)
  const importSample = useImports((s) => s.importSample)
  const busy = useImports((s) => s.jobs.some((j) => j.status === 'running'))

  return (
    <div className="td-welcome">
      <div className="td-welcome__inner">
        <Logo size={40} />
        <h1 className="td-welcome__title">Step through your agent runs</h1>
        <p className="td-welcome__lead">
          Drop an exported LLM or agent trace to replay it span by span: every prompt, tool call,
          response, token and error. Nothing leaves this machine.
        </p>
        <div
          className="td-welcome__drop"
          role="button"
          tabIndex={0}
          aria-label="Choose trace files to import"
          onClick={requestOpenDialog}
          onKeyDown={(e) =>
            (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), requestOpenDialog())
          }
        >
          <span className="td-welcome__dropicon">
            <Icon name="upload" size={22} />
          </span>
          <span className="td-welcome__droptext">
            <strong>Drop trace files anywhere</strong>
            <span className="td-muted">
              or click to choose files · <kbd>{OPEN_SHORTCUT}</kbd>
            </span>
            <span className="td-faint">Drop two runs together to compare them side by side.</span>
          </span>
        </div>
        {hasSample && (
          <div className="td-welcome__sample">
            <span className="td-muted">No trace at hand?</span>
            <Button
              variant="primary"
              icon="sparkle"
              onClick={() => void importSample()}
              disabled={busy}
            >
              Open sample trace
            </Button>
          </div>
        )}
        <div className="td-welcome__sample">
          <span className="td-muted">Or send traces from a running app (OTLP/HTTP):</span>
          <LiveToggle />
        </div>
        <ul className="td-welcome__formats" aria-label="Supported formats">
          {FORMATS.map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
        {dbPath && (
          <p className="td-welcome__foot td-faint">
            Library: <code>{dbPath}</code>
          </p>
        )}
      </div>
    </div>
  )
}
