/** Pure replay logic shared by the renderer and the terminal replay (no DOM, no Node). */
export * from './columns'
export * from './step-state'
export * from './jumps'
export * from './pacing'
export * from './search'
export * from './tree-rows'
export * from './format'
export * from './text-tree'
