import { useEffect, useRef } from 'react'
import { useImports } from '../../stores/import-store'

let input: HTMLInputElement | null = null

/** Opens the file picker (Open… button, Ctrl+O, the menu's Open…, the empty library). */
export function requestOpenDialog(): void {
  input?.click()
}

/**
 * The one hidden file input of the window. Rendered once by the shell; its accessible name is
 * "Open trace files" so tests and assistive tech can find it.
 */
export function OpenFilesInput() {
  const ref = useRef<HTMLInputElement>(null)
  const importFiles = useImports((s) => s.importFiles)

  useEffect(() => {
    input = ref.current
    return () => {
      input = null
    }
  }, [])

  return (
    <input
      ref={ref}
      type="file"
      multiple
      className="td-visually-hidden"
      aria-label="Open trace files"
      tabIndex={-1}
      onChange={(event) => {
        const files = Array.from(event.target.files ?? [])
        // Reset so choosing the same file again still fires a change.
        event.target.value = ''
        if (files.length) void importFiles(files)
      }}
    />
  )
}
