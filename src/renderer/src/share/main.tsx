/**
 * Entry of the shared replay page (built by vite.share.config.ts into one inline script): read
 * the file's data block, put the read-only share host in place, open the view the exporter
 * chose. No request leaves the page; the page's CSP forbids any.
 */
import './zod-jitless'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { installHost } from '../host'
import { createShareHost, readShareData, readShareHead } from '../host/share-host'
import { ShareApp, openingView } from './ShareApp'
import { useNav } from '../stores/nav-store'
import '../styles'
// The kind colours, as CSS built from styles/kinds.ts at build time: the page's CSP admits only
// the one inline style element, so nothing may add another at run time.
import 'virtual:kind-tokens.css'

async function start(root: HTMLElement): Promise<void> {
  try {
    if (typeof DecompressionStream === 'undefined') {
      throw new Error(
        'this browser cannot unpack it (no DecompressionStream); open it in a current Chrome, Edge, Firefox or Safari',
      )
    }
    const data = readShareData()
    const head = await readShareHead(data)
    installHost(createShareHost(head, data))
    useNav.setState({ view: openingView(head), history: [] })
    createRoot(root).render(
      <StrictMode>
        <ShareApp head={head} />
      </StrictMode>,
    )
  } catch (error) {
    const box = document.createElement('div')
    box.className = 'td-share-fatal'
    box.textContent = `This shared tracedeck replay cannot be shown: ${(error as Error).message}`
    root.replaceChildren(box)
  }
}

void start(document.getElementById('root')!)
