import { Icon } from '../../components/Icon'
import './import.css'

/** Full-window overlay shown while files are dragged over the window. */
export function DropOverlay({ visible }: { visible: boolean }) {
  if (!visible) return null
  return (
    <div className="td-drop" aria-hidden>
      <div className="td-drop__card">
        <div className="td-drop__icon">
          <Icon name="upload" size={28} />
        </div>
        <div className="td-drop__title">Drop to import</div>
        <div className="td-drop__hint">
          OTLP JSON, Jaeger, Zipkin, Langfuse, LangSmith, OpenAI Agents, Phoenix, Chrome trace…
          Several files at once are fine; two runs open side by side.
        </div>
      </div>
    </div>
  )
}
