// Placeholder until the replay owner lands the real view (exports must stay the same).
export function TraceView({ traceId }: { traceId: string; step?: number }) {
  return <div>Trace {traceId}</div>
}
