import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react'
import './tabs.css'

export interface TabItem<K extends string> {
  key: K
  label: ReactNode
  /** Small text after the label (a count, a size); hidden when the bar is narrow. */
  hint?: ReactNode
  /** A shorter label for a very narrow bar (the accessible name keeps the full one). */
  shortLabel?: string
}

export interface TabsProps<K extends string> {
  /** Accessible name of the tab list, e.g. "Input view". */
  label: string
  tabs: TabItem<K>[]
  active: K
  onChange(key: K): void
  /** Content before the tabs (a panel title). */
  leading?: ReactNode
  /** Content beside the tabs (right-aligned actions). */
  actions?: ReactNode
  children: ReactNode
  className?: string
}

const plain = (node: ReactNode) =>
  typeof node === 'string' || typeof node === 'number' ? String(node) : undefined

function plainHint<K extends string>(tab: TabItem<K>): string | undefined {
  const label = plain(tab.label)
  const hint = plain(tab.hint)
  return label && hint ? `${label} (${hint})` : undefined
}

function accessibleName<K extends string>(tab: TabItem<K>): string | undefined {
  const label = plain(tab.label) ?? tab.shortLabel
  const hint = plain(tab.hint)
  return hint ? `${label} ${hint}` : label
}

/**
 * WAI-ARIA tabs with roving focus: arrows/Home/End move between tabs, the panel follows.
 * Only the active panel is rendered (panels can be heavy).
 */
export function Tabs<K extends string>({
  label,
  tabs,
  active,
  onChange,
  leading,
  actions,
  children,
  className,
}: TabsProps<K>) {
  const base = useId()
  const listRef = useRef<HTMLDivElement>(null)
  const index = Math.max(
    0,
    tabs.findIndex((t) => t.key === active),
  )

  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: tabs.length - 1,
    }
    if (!(event.key in moves)) return
    event.preventDefault()
    const next = (moves[event.key] + tabs.length) % tabs.length
    onChange(tabs[next].key)
    listRef.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[next]?.focus()
  }

  return (
    <div className={`td-tabs ${className ?? ''}`}>
      <div className="td-tabs__bar">
        {leading}
        <div
          role="tablist"
          aria-label={label}
          className="td-tabs__list"
          ref={listRef}
          onKeyDown={onKeyDown}
        >
          {tabs.map((tab) => {
            const selected = tab.key === tabs[index]?.key
            return (
              <button
                key={tab.key}
                type="button"
                role="tab"
                id={`${base}-tab-${tab.key}`}
                aria-selected={selected}
                aria-controls={`${base}-panel`}
                tabIndex={selected ? 0 : -1}
                className="td-tabs__tab"
                // The hint gives way in narrow bars; the tooltip keeps it reachable.
                title={plainHint(tab)}
                aria-label={tab.shortLabel ? accessibleName(tab) : undefined}
                onClick={() => onChange(tab.key)}
              >
                {tab.shortLabel ? (
                  <>
                    <span className="td-tabs__label td-tabs__wide">{tab.label}</span>
                    <span className="td-tabs__label td-tabs__narrow" aria-hidden>
                      {tab.shortLabel}
                    </span>
                  </>
                ) : (
                  <span className="td-tabs__label">{tab.label}</span>
                )}
                {tab.hint != null && <span className="td-tabs__hint">{tab.hint}</span>}
              </button>
            )
          })}
        </div>
        {actions && <div className="td-tabs__actions">{actions}</div>}
      </div>
      <div
        role="tabpanel"
        id={`${base}-panel`}
        aria-labelledby={`${base}-tab-${tabs[index]?.key}`}
        className="td-tabs__panel"
      >
        {children}
      </div>
    </div>
  )
}
