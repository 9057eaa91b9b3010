/**
 * "The previous run of this trace": the latest trace in the library with the same name that
 * started before the given one (a live trace passes its own facts, it has no row yet). What the
 * comparison picker offers, so edit → run → compare is one click.
 */
import type { TraceSummary } from '../../../shared/api'
import type { Trace } from '../../../shared/model'
import type { Db } from '../store/connection'
import { TRACE_COLUMNS, toSummaries, type TraceRowArray } from '../queries/list-traces'

export function previousRun(db: Db, id: string, live?: Pick<Trace, 'name' | 'start'>): TraceSummary | null {
  const self =
    live ?? (db.prepare('SELECT name, start FROM traces WHERE id = ?').get(id) as Pick<Trace, 'name' | 'start'> | undefined)
  if (!self) return null
  const rows = db
    .prepare(
      `SELECT ${TRACE_COLUMNS} FROM traces t LEFT JOIN files f ON f.id = t.file_id
       WHERE t.name = ? AND t.id != ? AND (t.start < ? OR (t.start = ? AND t.id < ?))
       ORDER BY t.start DESC, t.id DESC LIMIT 1`,
    )
    .raw()
    .all(self.name, id, self.start, self.start, id) as TraceRowArray[]
  return toSummaries(rows)[0] ?? null
}
