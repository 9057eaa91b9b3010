/** Re-runs in the UI: the header's "Re-run…" dialog, the link from a replay to its original, settings, scores. */
export { RerunButton } from './RerunDialog'
export { ReplayOfLink } from './ReplayOfLink'
export { SettingsView } from './SettingsView'
export { ScoresStrip } from './ScoresStrip'
