/**
 * One sheet of keyboard shortcuts for every view: opened with `?` anywhere (outside text fields)
 * or the top bar's ? button. The replay rows come from docs/replay.md's table, the others from
 * shared/shortcut-table.ts — the same source as the desktop Help → Keyboard shortcuts.
 */
import { useEffect, useRef } from 'react'
import replayDoc from '../../../../../docs/replay.md?raw'
import {
  COMPARE_SHORTCUTS,
  GLOBAL_SHORTCUTS,
  LIST_SHORTCUTS,
  replayShortcutRows,
  type ShortcutRow,
} from '../../../../shared/shortcut-table'
import { Button } from '../../components/Button'
import { isTyping } from '../../lib/keys'
import { create } from 'zustand'
import './shortcut-sheet.css'

/** Whether the sheet is open (any view can open it). */
export const useShortcutSheet = create<{ open: boolean; setOpen(open: boolean): void }>((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
}))

// The control's name, with the documentation's note when it is short enough for a sheet.
const REPLAY: readonly ShortcutRow[] = replayShortcutRows(replayDoc).map(
  (r) => [r.keys, r.what && r.what.length <= 60 ? `${r.control}: ${r.what}` : r.control] as const,
)

const SECTIONS: { title: string; rows: readonly ShortcutRow[] }[] = [
  { title: 'Everywhere', rows: GLOBAL_SHORTCUTS },
  { title: 'Replay (a trace)', rows: REPLAY },
  { title: 'Compare (two traces)', rows: COMPARE_SHORTCUTS },
  { title: 'Library and sessions', rows: LIST_SHORTCUTS },
]

/** Binds `?` on the window; renders the sheet while open. Mount once, in the app shell. */
export function ShortcutSheet() {
  const open = useShortcutSheet((s) => s.open)
  const setOpen = useShortcutSheet((s) => s.setOpen)
  const ref = useRef<HTMLDialogElement>(null)

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return
      if (isTyping(e.target)) return
      // Another dialog (a picker) owns the keys while it is open.
      if (!useShortcutSheet.getState().open && document.querySelector('dialog[open]')) return
      e.preventDefault()
      setOpen(!useShortcutSheet.getState().open)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [setOpen])

  useEffect(() => {
    const d = ref.current
    if (!d) return
    if (open && !d.open) d.showModal()
    else if (!open && d.open) d.close()
  }, [open])

  return (
    <dialog
      ref={ref}
      className="td-keys"
      aria-label="Keyboard shortcuts"
      onClose={() => setOpen(false)}
      onClick={(e) => e.target === ref.current && setOpen(false)}
    >
      {open && (
        <div className="td-keys__card">
          <header className="td-keys__head">
            <h2>Keyboard shortcuts</h2>
            <Button size="sm" variant="ghost" autoFocus onClick={() => setOpen(false)}>
              Close
            </Button>
          </header>
          <div className="td-keys__body">
            {SECTIONS.map((s) => (
              <section key={s.title} aria-label={s.title} className="td-keys__section">
                <h3>{s.title}</h3>
                <dl>
                  {s.rows.map(([keys, action]) => (
                    <div key={`${keys}:${action}`} className="td-keys__row">
                      <dt>
                        <kbd>{keys}</kbd>
                      </dt>
                      <dd>{action}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            ))}
          </div>
        </div>
      )}
    </dialog>
  )
}
