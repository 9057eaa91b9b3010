// Placeholder until the sessions owner lands the real views (exports must stay the same).
export function SessionsView() {
  return <div>Sessions</div>
}
export function SessionView({ sessionId }: { sessionId: string }) {
  return <div>Session {sessionId}</div>
}
