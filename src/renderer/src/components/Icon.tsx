/** A small set of stroke icons (16px grid), drawn inline so the app needs no network or font. */
const PATHS = {
  open: 'M2.5 4.5v8a1 1 0 0 0 1 1h9a1 1 0 0 0 1-1v-6a1 1 0 0 0-1-1H8L6.5 3.5h-3a1 1 0 0 0-1 1z',
  upload: 'M8 10.5V2.5M5 5.5l3-3 3 3M3 10.5v2a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1v-2',
  library: 'M3 2.5h3v11H3zM7.5 2.5h3v11h-3zM12 3l2 .5-2.5 10-2-.5',
  sessions: 'M2.5 3.5h11M2.5 8h11M2.5 12.5h7',
  close: 'M4 4l8 8M12 4l-8 8',
  chevronRight: 'M6 3.5L10.5 8 6 12.5',
  chevronDown: 'M3.5 6L8 10.5 12.5 6',
  check: 'M3 8.5l3 3 7-7',
  alert: 'M8 2l6.5 11.5h-13zM8 6.5v3M8 11.5v.01',
  error: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zM5.75 5.75l4.5 4.5M10.25 5.75l-4.5 4.5',
  info: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zM8 7v4.5M8 4.75v.01',
  file: 'M4 1.5h5l3.5 3.5v9a.5.5 0 0 1-.5.5H4a.5.5 0 0 1-.5-.5V2a.5.5 0 0 1 .5-.5zM9 1.5V5h3.5',
  sparkle: 'M8 1.5l1.6 4.9 4.9 1.6-4.9 1.6L8 14.5l-1.6-4.9L1.5 8l4.9-1.6z',
  back: 'M10 3.5L5.5 8 10 12.5',
  copy: 'M5.5 5.5h7v8h-7zM3.5 10.5v-8h7',
  expand: 'M2.5 6V2.5H6M10 2.5h3.5V6M13.5 10v3.5H10M6 13.5H2.5V10',
  trace: 'M2 4h6M4 8h7M6 12h8',
  settings: 'M2.5 4.5h7M12 4.5h1.5M2.5 11.5h2M7 11.5h6.5M9.5 3v3M4.5 10v3',
} as const

export type IconName = keyof typeof PATHS

/** An inline SVG icon; decorative unless `label` is given. */
export function Icon({
  name,
  size = 16,
  label,
}: {
  name: IconName
  size?: number
  label?: string
}) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.5}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden={label ? undefined : true}
      role={label ? 'img' : undefined}
      aria-label={label}
      style={{ flex: 'none' }}
    >
      <path d={PATHS[name]} />
    </svg>
  )
}
