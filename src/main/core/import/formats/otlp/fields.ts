/**
 * Reading OTLP JSON fields whatever the key style: the protobuf JSON mapping writes camelCase
 * (`startTimeUnixNano`), Phoenix's `/spans/otlpv1` and Python's `MessageToDict(...,
 * preserving_proto_field_name=True)` write snake_case (`start_time_unix_nano`).
 */
export type Obj = Record<string, unknown>

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

const snakeCache = new Map<string, string>()

function snake(camel: string): string {
  let s = snakeCache.get(camel)
  if (s === undefined) {
    s = camel.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())
    snakeCache.set(camel, s)
  }
  return s
}

/** The value of a field given by its camelCase name, also found under its snake_case name. */
export function field(o: Obj, camel: string): unknown {
  const v = o[camel]
  return v !== undefined ? v : o[snake(camel)]
}

/** An array field (camel or snake), or an empty array when absent or of the wrong type. */
export function list(o: Obj, camel: string): unknown[] {
  const v = field(o, camel)
  return Array.isArray(v) ? v : []
}

/** True when the object has the field under either spelling. */
export function has(o: Obj, camel: string): boolean {
  return o[camel] !== undefined || o[snake(camel)] !== undefined
}
