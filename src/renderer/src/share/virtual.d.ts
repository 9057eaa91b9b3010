/** The kind colour tokens as CSS, made at build time by vite.share.config.ts. */
declare module 'virtual:kind-tokens.css'
