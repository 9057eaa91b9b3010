/** The comparison feature: the view, and the "Compare with…" entry point for trace headers. */
export { CompareView } from './CompareView'
export { CompareWithButton, CompareWithPicker } from './CompareWithPicker'
