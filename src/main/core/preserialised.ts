/**
 * Handler results whose JSON is already at hand (a span table stored as JSON). A handler returns
 * `preserialised<T>(json)`: to any caller that reads it (the CLI, tests, in-process code) it is
 * the parsed T, parsed once on first access; a transport that asks `serialisedJson` first (the
 * browser host) sends the text as it is, instead of parsing and re-stringifying megabytes.
 * Transports that copy values (Electron IPC) call `plainValue` first: the value is a Proxy, which
 * structured clone refuses.
 */

const JSON_TEXT = Symbol('tracedeck.jsonText')
const PLAIN = Symbol('tracedeck.plainValue')

/** A value of type T backed by its JSON (text or UTF-8 bytes, which must be the JSON of a T). */
export function preserialised<T extends object>(json: string | Buffer): T {
  let text: string | Buffer | undefined = json
  let filled = false
  const target = {} as T
  // The target is filled on first use, so every trap can delegate to it unchanged (and the Proxy
  // invariants hold: the target really has the properties reported).
  const value = (): T => {
    if (!filled) {
      Object.assign(target, JSON.parse(json.toString()) as T)
      filled = true
    }
    return target
  }
  // A caller that changes the value makes the text stale: from then on the value is what counts.
  const changed = <R>(result: R): R => {
    text = undefined
    return result
  }
  return new Proxy(target, {
    get: (_t, key) => {
      if (key === JSON_TEXT) return text
      if (key === PLAIN) return value()
      // Every caller of an async handler awaits the result, and await asks for `then`: answering
      // that must not parse. (JSON holds no functions, so a T is never a thenable anyway.)
      if (key === 'then' && !filled) return undefined
      return Reflect.get(value(), key)
    },
    has: (_t, key) => Reflect.has(value(), key),
    ownKeys: () => Reflect.ownKeys(value()),
    getOwnPropertyDescriptor: (_t, key) => Reflect.getOwnPropertyDescriptor(value(), key),
    set: (_t, key, v) => changed(Reflect.set(value(), key, v)),
    defineProperty: (_t, key, d) => changed(Reflect.defineProperty(value(), key, d)),
    deleteProperty: (_t, key) => changed(Reflect.deleteProperty(value(), key)),
  })
}

/** The JSON (text or UTF-8 bytes) of a `preserialised` value still unchanged, else undefined. */
export function serialisedJson(value: unknown): string | Buffer | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const text = (value as { [JSON_TEXT]?: unknown })[JSON_TEXT]
  return typeof text === 'string' || Buffer.isBuffer(text) ? text : undefined
}

/** A value safe to structured-clone: for a `preserialised` one, the plain object behind it. */
export function plainValue<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value
  const plain = (value as { [PLAIN]?: T })[PLAIN]
  return plain === undefined ? value : plain
}
