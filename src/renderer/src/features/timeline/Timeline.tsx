/**
 * The replay timeline: one row per visible span in step order, bars on a duration-scaled time
 * axis, a minimap of the whole trace. React only mounts the canvases; drawing and input live in
 * TimelineController, which follows the replay store without re-rendering.
 */
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react'
import { useColorScheme } from '../../styles'
import type { ReplayStore } from '../../stores/replay-store'
import { TimelineController } from './timeline-controller'
import './timeline.css'

/** Commands the pane's keyboard shortcuts call (+, -, 0). */
export interface TimelineHandle {
  zoomIn(): void
  zoomOut(): void
  fit(): void
}

const NO_MARKS = new Int32Array(0)

/** `marks`: sorted span indices the pane's owner marks (ReplayPane `marks`). */
export function Timeline({
  store,
  handleRef,
  marks = NO_MARKS,
}: {
  store: ReplayStore
  handleRef?: Ref<TimelineHandle>
  marks?: ArrayLike<number>
}) {
  const boxRef = useRef<HTMLDivElement>(null)
  const mainRef = useRef<HTMLCanvasElement>(null)
  const miniRef = useRef<HTMLCanvasElement>(null)
  const tipRef = useRef<HTMLDivElement>(null)
  const controllerRef = useRef<TimelineController | null>(null)
  const scheme = useColorScheme()

  useEffect(() => {
    const box = boxRef.current
    const controller = new TimelineController(store, {
      main: mainRef.current!,
      minimap: miniRef.current!,
      tooltip: tipRef.current!,
    })
    controllerRef.current = controller
    const observer = new ResizeObserver(([entry]) => {
      const rect = entry.contentRect
      controller.resize(rect.width, rect.height)
    })
    if (box) {
      observer.observe(box)
      const rect = box.getBoundingClientRect()
      controller.resize(rect.width, rect.height)
    }
    return () => {
      observer.disconnect()
      controller.dispose()
      controllerRef.current = null
    }
  }, [store])

  useEffect(() => controllerRef.current?.restyle(), [scheme])
  // After the controller effect (declared above), and again for a new controller.
  useEffect(() => controllerRef.current?.setMarks(marks), [marks, store])

  useImperativeHandle(
    handleRef,
    () => ({
      zoomIn: () => controllerRef.current?.zoomIn(),
      zoomOut: () => controllerRef.current?.zoomOut(),
      fit: () => controllerRef.current?.fit(),
    }),
    [],
  )

  return (
    <div className="td-tl">
      <canvas
        ref={miniRef}
        className="td-tl__minimap"
        role="img"
        aria-label="Minimap of the whole trace; drag to move the visible window"
      />
      <div ref={boxRef} className="td-tl__main">
        <canvas
          ref={mainRef}
          className="td-tl__canvas"
          role="img"
          aria-label="Timeline: spans as bars on a time axis; click a bar to jump to it, wheel to zoom, drag to pan"
          data-testid="timeline"
        />
      </div>
      <div ref={tipRef} className="td-tl-tip" role="tooltip" hidden />
    </div>
  )
}
