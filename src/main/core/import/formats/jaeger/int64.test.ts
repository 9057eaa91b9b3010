import { describe, expect, it } from 'vitest'
import { quoteJaegerInt64 } from './int64'
import { parseDocument } from '../../parse/parse-document'
import { jaegerImporter } from '../jaeger'
import { convertWith } from '../common/test-support'

// Written the way Jaeger's Go JSON encoder writes them: int64 values as bare numbers.
const jaegerText = (value: string) =>
  `{"data":[{"traceID":"abc","processes":{"p1":{"serviceName":"svc","tags":[]}},"spans":[` +
  `{"traceID":"abc","spanID":"01","operationName":"op","references":[],"startTime":1,"duration":2,"processID":"p1",` +
  `"tags":[{"key":"big","type":"int64","value":${value}},{"key":"note","type":"string","value":"a \\"value\\": 12345678901234567890 in text"}],"logs":[]}]}]}`

describe('int64 tag values beyond 2^53 in Jaeger files', () => {
  it('keeps the exact digits through parsing and import', () => {
    const doc = parseDocument(jaegerText('9223372036854775807'))
    const r = convertWith(jaegerImporter, doc.values[0])
    expect(r.span('01').attributes).toMatchObject({
      big: '9223372036854775807',
      note: 'a "value": 12345678901234567890 in text',
    })
    expect(r.warnings).toEqual([])
  })

  it('leaves safe integers, floats, negative safe values and other files alone', () => {
    for (const v of ['9007199254740991', '-42', '12345678901234567.5', '1e300']) {
      expect(quoteJaegerInt64(jaegerText(v))).toBe(jaegerText(v))
    }
    expect(quoteJaegerInt64(jaegerText('-9223372036854775808'))).toContain(
      '"value":"-9223372036854775808"',
    )
    const otlp = '{"resourceSpans":[],"value":12345678901234567890,"int64":1}'
    expect(quoteJaegerInt64(otlp)).toBe(otlp)
  })
})
