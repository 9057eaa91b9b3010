/**
 * One requestAnimationFrame scheduler for the whole window. Views ask for a redraw by key; many
 * requests within a frame coalesce into one call per key, and all of them run in the same frame
 * (canvas redraws first, then DOM work), so a burst of store updates costs one draw.
 */

type Task = () => void

const canvasTasks = new Map<string, Task>()
const domTasks = new Map<string, Task>()
let frame = 0

/** Per-frame timing hook (benchmarks read it); receives the work time of each frame in ms. */
export const frameStats: { onFrame: ((workMs: number, at: number) => void) | null } = {
  onFrame: null,
}

declare global {
  interface Window {
    /** Set by the UI benchmark before the page loads: record every frame's work time. */
    __tdBench?: boolean
    __tdFrames?: { work: number; at: number }[]
  }
}

if (typeof window !== 'undefined' && window.__tdBench) {
  const frames: { work: number; at: number }[] = (window.__tdFrames = [])
  frameStats.onFrame = (work, at) => {
    frames.push({ work, at })
  }
}

function run(at: number): void {
  frame = 0
  const begin = performance.now()
  const canvas = [...canvasTasks.values()]
  const dom = [...domTasks.values()]
  canvasTasks.clear()
  domTasks.clear()
  for (const task of canvas) runTask(task)
  for (const task of dom) runTask(task)
  frameStats.onFrame?.(performance.now() - begin, at)
}

function runTask(task: Task): void {
  try {
    task()
  } catch (error) {
    // A failing view must not stop the other views' redraws; report it where developers look.
    console.error('tracedeck: frame task failed', error)
  }
}

/** Schedules `task` for the next frame under `key` (a later request with the same key replaces it). */
export function scheduleFrame(key: string, task: Task, layer: 'canvas' | 'dom' = 'canvas'): void {
  ;(layer === 'canvas' ? canvasTasks : domTasks).set(key, task)
  if (!frame) frame = requestAnimationFrame(run)
}

/** Drops a pending task (a view unmounting). */
export function cancelFrame(key: string): void {
  canvasTasks.delete(key)
  domTasks.delete(key)
}
