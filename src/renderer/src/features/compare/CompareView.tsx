// Placeholder until the compare owner lands the real view (exports must stay the same).
export function CompareView({ a, b }: { a: string; b: string }) {
  return (
    <div>
      Compare {a} with {b}
    </div>
  )
}
