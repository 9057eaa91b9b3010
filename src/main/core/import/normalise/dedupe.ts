/**
 * Duplicate span ids. Records that share an id and a name are one span reported more than once
 * (Zipkin client/server halves, Jaeger duplicates, partial re-reports): they are merged into the
 * longest record, filling its missing fields from the others. Records that share an id but not a
 * name are different spans: the later ones get a suffixed id. Both are listed as repairs.
 */
import { addFlag, type WorkSpan } from './work-span'
import type { RepairLog } from './repair-log'

function duration(s: WorkSpan): number {
  return s.end === null ? -1 : s.end - s.start
}

function fill(into: WorkSpan, from: WorkSpan): void {
  into.failed = into.failed || from.failed
  if (into.parentId === null && from.parentId !== null) into.parentId = from.parentId
  into.service ??= from.service
  into.model ??= from.model
  into.provider ??= from.provider
  into.inputTokens ??= from.inputTokens
  into.outputTokens ??= from.outputTokens
  into.cost ??= from.cost
  if (into.kind === 'span' && from.kind !== 'span') into.kind = from.kind
  if (!into.target) into.target = from.target
}

/** Returns the spans with duplicates merged or renamed, in the original order. */
export function dedupeSpans(spans: WorkSpan[], log: RepairLog): WorkSpan[] {
  const byId = new Map<string, number>()
  let dupes: Map<string, number[]> | null = null
  for (let i = 0; i < spans.length; i++) {
    const first = byId.get(spans[i].id)
    if (first === undefined) {
      byId.set(spans[i].id, i)
    } else {
      dupes ??= new Map()
      const group = dupes.get(spans[i].id) ?? [first]
      group.push(i)
      dupes.set(spans[i].id, group)
    }
  }
  if (!dupes) return spans

  const drop = new Set<number>()
  const used = new Set(byId.keys())
  for (const [id, group] of dupes) {
    // Sub-groups by name: one merged span per name; the first name keeps the id.
    const byName = new Map<string, number[]>()
    for (const i of group) {
      const list = byName.get(spans[i].name)
      if (list) list.push(i)
      else byName.set(spans[i].name, [i])
    }
    let nameNo = 0
    for (const [name, members] of byName) {
      let keep = members[0]
      for (const i of members) if (duration(spans[i]) > duration(spans[keep])) keep = i
      for (const i of members) {
        if (i === keep) continue
        fill(spans[keep], spans[i])
        drop.add(i)
      }
      if (members.length > 1) {
        addFlag(spans[keep], 'duplicate-id')
        log.add(
          'duplicate-id',
          `${members.length} records of span "${name}" (id ${id}) merged into one`,
          id,
          name,
        )
      }
      if (nameNo > 0) {
        let n = nameNo + 1
        while (used.has(`${id}~${n}`)) n++
        const newId = `${id}~${n}`
        used.add(newId)
        spans[keep].id = newId
        addFlag(spans[keep], 'duplicate-id')
        log.add(
          'duplicate-id',
          `span "${name}" shares id ${id} with another span; renamed ${newId}`,
          newId,
          name,
        )
      }
      nameNo++
    }
  }
  return spans.filter((_, i) => !drop.has(i))
}
