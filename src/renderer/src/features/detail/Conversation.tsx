import { useState } from 'react'
import type { ChatMessage, ChatPart, ToolCall } from '../../../../shared/model'
import { Markdown } from './Markdown'
import {
  clip,
  messageText,
  nonTextParts,
  prettyArguments,
  roleTone,
  valueText,
} from './payload-text'
import { formatCount } from '../../lib/format'

interface ConversationProps {
  messages: ChatMessage[]
  /** Characters of one text block shown before "Show all" (the size gate). */
  limit: number
  markdown: boolean
  label: string
}

/** Chat messages as a conversation: role, text, tool calls with arguments, tool results. */
export function Conversation({ messages, limit, markdown, label }: ConversationProps) {
  return (
    <ol className="td-chat" aria-label={label}>
      {messages.map((message, i) => (
        <Message key={i} message={message} limit={limit} markdown={markdown} />
      ))}
    </ol>
  )
}

function Message({
  message,
  limit,
  markdown,
}: {
  message: ChatMessage
  limit: number
  markdown: boolean
}) {
  const tone = roleTone(message.role)
  const text = messageText(message)
  const parts = nonTextParts(message)
  const empty = !text && parts.length === 0 && !message.toolCalls?.length
  return (
    <li className={`td-msg td-msg--${tone}`}>
      <div className="td-msg__head">
        <span className={`td-role td-role--${tone}`}>{message.role}</span>
        {message.name && <span className="td-msg__meta">{message.name}</span>}
        {message.toolCallId && (
          <span className="td-msg__meta" title="The tool call this message answers">
            ↩ {message.toolCallId}
          </span>
        )}
      </div>
      {text && <TextBlock text={text} limit={limit} markdown={markdown && tone !== 'tool'} />}
      {parts.map((part, i) => (
        <Part key={i} part={part} limit={limit} />
      ))}
      {message.toolCalls?.map((call, i) => (
        <ToolCallCard key={call.id ?? i} call={call} limit={limit} />
      ))}
      {empty && <p className="td-msg__empty">(empty message)</p>}
    </li>
  )
}

/** Text clipped to the gate with a per-block "Show all". Plain text unless markdown is on. */
export function TextBlock({
  text,
  limit,
  markdown = false,
  mono = false,
}: {
  text: string
  limit: number
  markdown?: boolean
  mono?: boolean
}) {
  const [all, setAll] = useState(false)
  const shown = all ? { text, clipped: false, total: text.length } : clip(text, limit)
  return (
    <div className="td-textblock">
      {markdown ? (
        <Markdown source={shown.text} className="td-msg__text" />
      ) : (
        <div className={`td-msg__text ${mono ? 'td-msg__text--mono' : ''}`}>{shown.text}</div>
      )}
      {shown.clipped && (
        <div className="td-clipnote" role="note">
          Showing {formatCount(shown.text.length)} of {formatCount(shown.total)} characters.{' '}
          <button type="button" className="td-linkbtn" onClick={() => setAll(true)}>
            Show all
          </button>
        </div>
      )}
    </div>
  )
}

function ToolCallCard({ call, limit }: { call: ToolCall; limit: number }) {
  const args = prettyArguments(call.arguments)
  return (
    <div className="td-toolcall">
      <div className="td-toolcall__head">
        <span className="td-toolcall__label">Tool call</span>
        <span className="td-toolcall__name">{call.name}</span>
        {call.id && <span className="td-msg__meta">{call.id}</span>}
      </div>
      {args && <TextBlock text={args} limit={limit} mono />}
    </div>
  )
}

function Part({ part, limit }: { part: ChatPart; limit: number }) {
  const data = part.text ?? valueText(part.data)
  if (part.type === 'tool_result') {
    return (
      <div className="td-toolcall td-toolcall--result">
        <div className="td-toolcall__head">
          <span className="td-toolcall__label">Tool result</span>
        </div>
        <TextBlock text={prettyArguments(data)} limit={limit} mono />
      </div>
    )
  }
  if (part.type === 'tool_call') {
    return (
      <div className="td-toolcall">
        <div className="td-toolcall__head">
          <span className="td-toolcall__label">Tool call</span>
        </div>
        <TextBlock text={prettyArguments(data)} limit={limit} mono />
      </div>
    )
  }
  const label = part.type === 'image' ? 'Image' : part.type === 'text' ? 'Text' : 'Content'
  return (
    <div className="td-part">
      <span className="td-part__label">{label}</span>
      <TextBlock text={data} limit={Math.min(limit, 2000)} mono={part.type !== 'text'} />
    </div>
  )
}
