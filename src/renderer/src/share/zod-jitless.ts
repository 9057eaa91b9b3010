/**
 * zod probes `Function('')` to pick a compiled fast path when its first schema is built; the
 * shared page's CSP refuses eval (as it should), so zod is told not to try. This module is the
 * share entry's first import: it runs before any module builds a schema.
 */
import { config } from 'zod'

config({ jitless: true })
