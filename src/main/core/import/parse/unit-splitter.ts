/**
 * A byte-level JSON splitter for files too big to parse whole (V8 strings stop at ~512 MB).
 * Given a path of object keys and '*' (array elements), it finds each value at that path and
 * hands its text to the sink to be JSON.parsed on its own; members of the enclosing objects seen
 * before a unit are parsed and passed along as context (outermost first, the same object for
 * every unit of one enclosing object). Path [] makes every top-level value a unit (JSON Lines,
 * concatenated documents); a top-level array is read as a list of documents when the path
 * starts with a key (an array of OTLP requests).
 *
 * Speed matters (a gigabyte goes through here): strings are skipped with Buffer.indexOf, and
 * inside a unit only brackets are counted. Chunks may split anything, including escapes and
 * multi-byte characters; bytes are decoded only once a whole value is in hand.
 */
import { findJsonFault, kindOf } from './json-fault'
import { ImportError } from '../importer'

export type PathStep = string | '*'

export interface UnitSink {
  /** A unit's JSON text, the context objects enclosing it, and its byte offset in the file. */
  unit(text: string, context: Record<string, unknown>[], offset: number): void
}

interface Frame {
  obj: boolean
  /** A top-level array around documents that fit the path (e.g. an array of OTLP requests). */
  wrapper?: boolean
  /** How many path steps lead to this container. */
  pos: number
  ctx: Record<string, unknown> | null
  key: string | null
}

const enum Mode {
  Skeleton,
  Capture,
  Key,
}
const enum Cap {
  Container,
  String,
  Primitive,
}
const enum Target {
  Unit,
  Context,
  Skip,
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const LBRACE = 0x7b
const RBRACE = 0x7d
const LBRACK = 0x5b
const RBRACK = 0x5d
const COMMA = 0x2c
const COLON = 0x3a

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09
}

/** Keys match ignoring case and underscores, so a camelCase plan also reads snake_case files. */
function squash(key: string): string {
  return key.replace(/_/g, '').toLowerCase()
}

export class UnitSplitter {
  private readonly path: PathStep[]
  private readonly squashed: (string | null)[]
  private frames: Frame[] = []
  private ctxList: Record<string, unknown>[] | null = []
  private mode = Mode.Skeleton
  /** In the skeleton: the next thing expected is a key (in an object) rather than a value. */
  private expectKey = false
  // Capture state (a unit, a context member, a skipped value, or a key).
  private cap = Cap.Container
  private target = Target.Skip
  private depth = 0
  private inString = false
  private escapeFirst = false
  private pieces: Buffer[] = []
  private capOffset = 0
  /** Absolute offset of the current chunk's first byte. */
  private base = 0
  /** Units found so far. */
  units = 0
  /** Values that did not fit the path's shape and were skipped. */
  skipped = 0

  constructor(
    path: PathStep[],
    private readonly sink: UnitSink,
  ) {
    this.path = path
    this.squashed = path.map((p) => (p === '*' ? null : squash(p)))
  }

  /** Feeds the next chunk of the file. */
  push(buf: Buffer): void {
    let i = 0
    const n = buf.length
    while (i < n) {
      if (this.mode === Mode.Skeleton) i = this.skeleton(buf, i)
      else i = this.capture(buf, i)
    }
    if (this.mode !== Mode.Skeleton) this.pieces.push(buf.subarray(this.pieceStart, n))
    this.pieceStart = 0
    this.base += n
  }

  /**
   * Signals the end of the file; throws when it ended inside a value. With `unclosed`, a file
   * that ends between units with containers still open (a Chrome trace written incrementally
   * lacks its closing `]`) is accepted: the missing closers are returned ("]" or "]}"), else "".
   */
  end(opts: { unclosed?: (closers: string) => boolean } = {}): string {
    if (this.mode === Mode.Capture && this.cap === Cap.Primitive && this.frames.length === 0) {
      this.finish(Buffer.alloc(0), 0)
    }
    if (this.mode === Mode.Skeleton && this.frames.length > 0 && opts.unclosed) {
      const closers = this.frames
        .map((f) => (f.obj ? '}' : ']'))
        .reverse()
        .join('')
      if (opts.unclosed(closers)) return closers
    }
    if (this.mode !== Mode.Skeleton || this.frames.length > 0) {
      throw new ImportError(
        `the JSON ends in the middle of a value at byte ${this.base} (the file looks truncated)`,
      )
    }
    return ''
  }

  private pieceStart = 0

  private context(): Record<string, unknown>[] {
    if (!this.ctxList) this.ctxList = this.frames.filter((f) => f.obj).map((f) => f.ctx!)
    return this.ctxList
  }

  private skeleton(buf: Buffer, i: number): number {
    const n = buf.length
    while (i < n) {
      const c = buf[i]
      if (isSpace(c)) {
        i++
        continue
      }
      const top = this.frames[this.frames.length - 1]
      if (c === COMMA) {
        this.expectKey = !!top?.obj
        i++
      } else if (c === COLON) {
        this.expectKey = false
        i++
      } else if (c === RBRACE || c === RBRACK) {
        const f = this.frames.pop()
        if (!f || f.obj !== (c === RBRACE)) this.syntax(buf, i)
        if (f!.obj) this.ctxList = null
        this.expectKey = false
        i++
      } else if (c === QUOTE && this.expectKey && top?.obj) {
        this.startCapture(buf, i, Target.Skip)
        this.mode = Mode.Key
        this.cap = Cap.String
        return i + 1
      } else {
        return this.valueStart(buf, i, c, top)
      }
    }
    return i
  }

  private valueStart(buf: Buffer, i: number, c: number, top: Frame | undefined): number {
    let pos = 0
    let target = Target.Unit
    if (!top && c === LBRACK && this.path.length > 0 && this.path[0] !== '*') {
      this.frames.push({ obj: false, wrapper: true, pos: 0, ctx: null, key: null })
      this.expectKey = false
      return i + 1
    }
    if (top?.wrapper) {
      pos = 0
    } else if (top) {
      if (top.obj) {
        const want = this.squashed[top.pos]
        if (want !== null && top.key !== null && squash(top.key) === want) pos = top.pos + 1
        else target = Target.Context
      } else if (this.path[top.pos] === '*') pos = top.pos + 1
      else target = Target.Skip
    }
    if (target === Target.Unit && pos < this.path.length) {
      const next = this.path[pos]
      if (c === LBRACE && next !== '*') {
        this.frames.push({ obj: true, pos, ctx: {}, key: null })
        this.ctxList = null
        this.expectKey = true
        return i + 1
      }
      if (c === LBRACK && next === '*') {
        this.frames.push({ obj: false, pos, ctx: null, key: null })
        this.expectKey = false
        return i + 1
      }
      target = Target.Skip // the document's shape does not fit the plan here
    }
    if (target === Target.Skip) this.skipped++
    this.startCapture(buf, i, target)
    if (c === LBRACE || c === LBRACK) {
      this.cap = Cap.Container
      this.depth = 1
    } else if (c === QUOTE) this.cap = Cap.String
    else if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x74 || c === 0x66 || c === 0x6e)
      this.cap = Cap.Primitive
    else this.syntax(buf, i)
    return i + 1
  }

  private startCapture(_buf: Buffer, i: number, target: Target): void {
    this.mode = Mode.Capture
    this.target = target
    this.pieces = []
    this.pieceStart = i
    this.capOffset = this.base + i
    this.inString = false
    this.escapeFirst = false
  }

  /** Finds the closing quote of a string from `from`; -1 when the chunk ends first. */
  private stringEnd(buf: Buffer, from: number): number {
    let region = from
    if (this.escapeFirst) {
      this.escapeFirst = false
      region++
    }
    for (;;) {
      const j = buf.indexOf(QUOTE, region)
      if (j < 0) {
        let k = buf.length - 1
        while (k >= region && buf[k] === BACKSLASH) k--
        this.escapeFirst = (buf.length - 1 - k) % 2 === 1
        return -1
      }
      let k = j - 1
      while (k >= region && buf[k] === BACKSLASH) k--
      if ((j - 1 - k) % 2 === 0) return j
      region = j + 1
    }
  }

  private capture(buf: Buffer, i: number): number {
    const n = buf.length
    if (this.mode === Mode.Key || this.cap === Cap.String) {
      const j = this.stringEnd(buf, i)
      if (j < 0) return n
      this.finish(buf, j + 1)
      return j + 1
    }
    if (this.cap === Cap.Primitive) {
      while (i < n) {
        const c = buf[i]
        if (c === COMMA || c === RBRACE || c === RBRACK || isSpace(c)) {
          this.finish(buf, i)
          return i
        }
        i++
      }
      return n
    }
    if (this.inString) {
      const j = this.stringEnd(buf, i)
      if (j < 0) return n
      this.inString = false
      i = j + 1
    }
    while (i < n) {
      const c = buf[i]
      if (c === QUOTE) {
        const j = this.stringEnd(buf, i + 1)
        if (j < 0) {
          this.inString = true
          return n
        }
        i = j + 1
        continue
      }
      if (c === LBRACE || c === LBRACK) this.depth++
      else if (c === RBRACE || c === RBRACK) {
        if (--this.depth === 0) {
          this.finish(buf, i + 1)
          return i + 1
        }
      }
      i++
    }
    return n
  }

  private finish(buf: Buffer, end: number): void {
    const mode = this.mode
    this.mode = Mode.Skeleton
    if (mode === Mode.Capture && this.target === Target.Skip) {
      this.pieces = []
      this.expectKey = false
      return
    }
    const text = this.pieces.length
      ? Buffer.concat([...this.pieces, buf.subarray(this.pieceStart, end)]).toString('utf8')
      : buf.toString('utf8', this.pieceStart, end)
    this.pieces = []
    const top = this.frames[this.frames.length - 1]
    if (mode === Mode.Key) {
      try {
        top.key = JSON.parse(text) as string
      } catch (err) {
        throw new ImportError(
          `invalid object key at byte ${this.capOffset}: ${(err as Error).message}`,
        )
      }
      this.expectKey = false
      return
    }
    this.expectKey = false
    if (this.target === Target.Unit) {
      this.units++
      this.sink.unit(text, this.context(), this.capOffset)
    } else {
      try {
        top.ctx![top.key!] = JSON.parse(text)
      } catch {
        const fault = findJsonFault(text)
        throw new ImportError(
          `invalid JSON at byte ${this.capOffset + (fault?.offset ?? 0)}: ${fault?.problem ?? 'a value is cut short'}`,
        )
      }
    }
  }

  private syntax(buf: Buffer, i: number): never {
    const ch = String.fromCharCode(buf[i])
    throw new ImportError(
      `it is not valid JSON (unexpected ${kindOf(ch)} at byte ${this.base + i})`,
    )
  }
}
