/**
 * The ONE place trace text becomes HTML: markdown rendered by marked, raw HTML inside the
 * markdown escaped back to text, images shown as links, then everything passed through DOMPurify
 * with a strict allow-list. Everywhere else trace content is a React text node.
 */
import DOMPurify from 'dompurify'
import { Marked } from 'marked'
import { useMemo } from 'react'

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )

const marked = new Marked({
  gfm: true,
  breaks: true,
  renderer: {
    // Raw HTML in a trace stays visible as text; it is never interpreted.
    html: ({ text }) => escapeHtml(text),
    // No remote fetches from trace content: an image becomes a plain link to its address.
    image: ({ href, text }) =>
      `<a href="${escapeHtml(href)}">${escapeHtml(text ? `image: ${text}` : 'image')}</a>`,
  },
})

const ALLOWED_TAGS = [
  'p',
  'br',
  'hr',
  'strong',
  'em',
  'del',
  'code',
  'pre',
  'blockquote',
  'a',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'input',
]

let hooked = false
function sanitiser() {
  if (!hooked) {
    hooked = true
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A') {
        node.setAttribute('target', '_blank')
        node.setAttribute('rel', 'noopener noreferrer nofollow')
      }
      // GFM task lists: allowed as read-only checkboxes only.
      if (node.tagName === 'INPUT') {
        if (node.getAttribute('type') !== 'checkbox') node.remove()
        else node.setAttribute('disabled', '')
      }
    })
  }
  return DOMPurify
}

/** Markdown → sanitised HTML string (exported for tests in a DOM). */
export function renderMarkdown(source: string): string {
  const html = marked.parse(source, { async: false }) as string
  return sanitiser().sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: ['href', 'title', 'type', 'checked', 'disabled', 'align', 'start'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#)/i,
  })
}

/** Renders markdown text safely (see the module comment). */
export function Markdown({ source, className }: { source: string; className?: string }) {
  const html = useMemo(() => renderMarkdown(source), [source])
  return (
    <div className={`td-markdown ${className ?? ''}`} dangerouslySetInnerHTML={{ __html: html }} />
  )
}
