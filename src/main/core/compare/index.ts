/**
 * The comparison verb: `compareTraces({a, b})` aligns two traces of the library and reports
 * pairs, gaps, divergences (in the order they happened) and deltas. The same result feeds the
 * comparison view and `tracedeck diff`, so both name the same first divergence.
 */
import { alignTraces } from '../../../shared/compare/align'
import { describeAlignment } from '../../../shared/compare/compare'
import type { Handlers } from '../library'
import type { Db } from '../store/connection'
import { reconcileContent } from './content-check'
import { loadSide } from './load-side'

/** The verbs this module implements. */
export type CompareHandlers = Pick<Handlers, 'compareTraces'>

/** Builds the comparison handlers over an open library database. */
export function compareHandlers(db: Db): CompareHandlers {
  return {
    compareTraces: async ({ a, b }) => {
      const sideA = loadSide(db, a, 'A')
      const sideB = loadSide(db, b, 'B')
      const al = alignTraces(sideA.spans, sideB.spans)
      reconcileContent(db, sideA, sideB, al)
      return describeAlignment(sideA, sideB, al)
    },
  }
}
