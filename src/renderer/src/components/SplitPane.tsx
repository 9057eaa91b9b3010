import {
  useCallback,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
} from 'react'
import './split-pane.css'

export interface SplitPaneProps {
  /** `row`: panes side by side (vertical divider); `column`: stacked (horizontal divider). */
  direction?: 'row' | 'column'
  /** Initial size of the first pane as a fraction of the container (0..1). */
  initial?: number
  /** Smallest size of either pane, px. */
  min?: number
  /** Remember the size across sessions under this localStorage key. */
  storageKey?: string
  /** Accessible name of the divider, e.g. "Resize detail panel". */
  label?: string
  first: ReactNode
  second: ReactNode
  className?: string
}

const KEY_STEP = 0.02

/** Two panes with a draggable, keyboard-resizable divider (role="separator"). */
export function SplitPane({
  direction = 'row',
  initial = 0.5,
  min = 160,
  storageKey,
  label = 'Resize panes',
  first,
  second,
  className,
}: SplitPaneProps) {
  const [fraction, setFraction] = useState(() => readStored(storageKey) ?? initial)
  const containerRef = useRef<HTMLDivElement>(null)

  const commit = useCallback(
    (next: number) => {
      const box = containerRef.current?.getBoundingClientRect()
      const total = box ? (direction === 'row' ? box.width : box.height) : 0
      const lo = total > 0 ? Math.min(0.5, min / total) : 0.1
      const clamped = Math.min(1 - lo, Math.max(lo, next))
      setFraction(clamped)
      if (storageKey) localStorage.setItem(storageKey, String(clamped))
    },
    [direction, min, storageKey],
  )

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const box = containerRef.current?.getBoundingClientRect()
    if (!box) return
    event.preventDefault()
    const target = event.currentTarget
    target.setPointerCapture(event.pointerId)
    const move = (e: globalThis.PointerEvent) =>
      commit(
        direction === 'row'
          ? (e.clientX - box.left) / box.width
          : (e.clientY - box.top) / box.height,
      )
    const up = () => {
      target.removeEventListener('pointermove', move)
      target.removeEventListener('pointerup', up)
      target.removeEventListener('pointercancel', up)
    }
    target.addEventListener('pointermove', move)
    target.addEventListener('pointerup', up)
    target.addEventListener('pointercancel', up)
  }

  const onKeyDown = (event: KeyboardEvent) => {
    const back = direction === 'row' ? 'ArrowLeft' : 'ArrowUp'
    const forward = direction === 'row' ? 'ArrowRight' : 'ArrowDown'
    if (event.key === back) commit(fraction - KEY_STEP)
    else if (event.key === forward) commit(fraction + KEY_STEP)
    else if (event.key === 'Home') commit(0)
    else if (event.key === 'End') commit(1)
    else return
    event.preventDefault()
  }

  return (
    <div ref={containerRef} className={`td-split td-split--${direction} ${className ?? ''}`}>
      <div className="td-split__pane" style={{ flexBasis: `${fraction * 100}%` }}>
        {first}
      </div>
      <div
        className="td-split__divider"
        role="separator"
        tabIndex={0}
        aria-label={label}
        aria-orientation={direction === 'row' ? 'vertical' : 'horizontal'}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
        onPointerDown={onPointerDown}
        onKeyDown={onKeyDown}
        onDoubleClick={() => commit(initial)}
      />
      <div className="td-split__pane td-split__pane--second">{second}</div>
    </div>
  )
}

function readStored(key: string | undefined): number | null {
  if (!key) return null
  const value = Number(localStorage.getItem(key))
  return value > 0 && value < 1 ? value : null
}
