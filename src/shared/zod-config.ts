/**
 * zod's global configuration, in a module of its own so that it runs before any schema is
 * built: ES modules evaluate their imports first, so a `z.config` call placed after the imports
 * of api.ts would come too late. Jitless: zod otherwise probes `new Function` on first use, which
 * the UI's Content-Security-Policy (no 'unsafe-eval') reports as a violation on every page load.
 */
import { z } from 'zod'

z.config({ jitless: true })
