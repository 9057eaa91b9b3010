// Placeholder until the library owner lands the real view (exports must stay the same).
export function LibraryView() {
  return <div>Library</div>
}
