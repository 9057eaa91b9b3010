/** Structural and textual mutations of valid inputs, for the property-based robustness tests. */
import fc from 'fast-check'

export type Path = (string | number)[]

/** Every node path of a JSON value (the root is `[]`). */
export function paths(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at)
  if (out.length > 5000) return out
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out))
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out)
  return out
}

function update(
  v: unknown,
  path: Path,
  fn: (old: unknown, parent: unknown, key: string | number) => unknown,
): unknown {
  if (path.length === 0) return fn(v, undefined, '')
  const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<
    string | number,
    unknown
  >
  if (path.length === 1) {
    const out = fn(copy[path[0]], copy, path[0])
    if (out === DELETE) {
      if (Array.isArray(copy)) (copy as unknown[]).splice(path[0] as number, 1)
      else delete copy[path[0]]
    } else copy[path[0]] = out
    return copy
  }
  copy[path[0]] = update(copy[path[0]], path.slice(1), fn)
  return copy
}

const DELETE = Symbol('delete')

/** One mutation: replace a node by any JSON, delete it, null it, flip its type, or duplicate it. */
export type Mutation =
  | { op: 'replace'; value: unknown }
  | { op: 'delete' }
  | { op: 'null' }
  | { op: 'stringify' }
  | { op: 'numberify' }
  | { op: 'wrap' }

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('replace' as const), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.constant({ op: 'delete' as const }),
  fc.constant({ op: 'null' as const }),
  fc.constant({ op: 'stringify' as const }),
  fc.constant({ op: 'numberify' as const }),
  fc.constant({ op: 'wrap' as const }),
)

export function mutate(root: unknown, path: Path, m: Mutation): unknown {
  return update(root, path, (old) => {
    switch (m.op) {
      case 'replace':
        return m.value
      case 'delete':
        return path.length === 0 ? null : DELETE
      case 'null':
        return null
      case 'stringify':
        return JSON.stringify(old) ?? 'undefined'
      case 'numberify':
        return typeof old === 'string'
          ? Number(old) || -1
          : typeof old === 'number'
            ? -old * 1e20
            : 0
      case 'wrap':
        return [old]
    }
  })
}

/** Text mutations: cut the file short, or overwrite a stretch with arbitrary characters. */
export const textMutationArb = fc.oneof(
  fc.record({
    op: fc.constant('truncate' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({
    op: fc.constant('splice' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    junk: fc.string({ maxLength: 8 }),
  }),
)

export function mutateText(
  text: string,
  m: fc.Arbitrary<unknown> extends never
    ? never
    : { op: 'truncate' | 'splice'; at: number; junk?: string },
): string {
  const i = Math.floor(m.at * text.length)
  return m.op === 'truncate'
    ? text.slice(0, i)
    : text.slice(0, i) + (m.junk ?? '') + text.slice(i + (m.junk?.length ?? 0))
}
