import '../../shared/zod-config' // first: zod must not probe eval under the page's CSP
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { installKindTokens } from './styles/kinds'
import './styles'
import './lib/bench-hooks'

installKindTokens()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
