// tracedeck CLI entry (to be written)
export {}
