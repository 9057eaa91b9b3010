/** Vite's `?raw` imports: the file's text, bundled. */
declare module '*?raw' {
  const text: string
  export default text
}
