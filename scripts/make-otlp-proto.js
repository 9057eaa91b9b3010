#!/usr/bin/env node
/**
 * Regenerates src/main/core/import/formats/otlp/proto/otlp-trace.json, the protobufjs descriptor
 * of the OTLP trace messages, from the official .proto files vendored beside it (from
 * opentelemetry-proto, Apache-2.0: see the LICENSE there). Run after updating those files:
 * `node scripts/make-otlp-proto.js`. The descriptor is committed, so nothing reads .proto text at
 * run time.
 */
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import protobuf from 'protobufjs'

const dir = join(dirname(fileURLToPath(import.meta.url)), '../src/main/core/import/formats/otlp/proto')
const root = new protobuf.Root()
root.resolvePath = (_origin, target) => join(dir, target)
root.loadSync('opentelemetry/proto/collector/trace/v1/trace_service.proto', { keepCase: false })
root.resolveAll()
const out = join(dir, 'otlp-trace.json')
writeFileSync(out, `${JSON.stringify(root.toJSON({ keepComments: false }))}\n`)
console.log(`wrote ${out}`)
