import { useEffect, type ReactNode } from 'react'
import { create } from 'zustand'
import { Button } from './Button'
import { Icon } from './Icon'
import './toast.css'

export interface ToastAction {
  label: string
  onClick(): void
}

export interface Toast {
  id: number
  tone: 'info' | 'ok' | 'warning' | 'error'
  title: string
  body?: ReactNode
  actions?: ToastAction[]
  /** Auto-dismiss after this many ms; errors stay until dismissed by default. */
  timeout?: number
}

interface ToastState {
  toasts: Toast[]
  push(toast: Omit<Toast, 'id'>): number
  dismiss(id: number): void
}

let nextId = 1

/** Transient notifications, newest last. */
export const useToasts = create<ToastState>((set) => ({
  toasts: [],
  push: (toast) => {
    const id = nextId++
    set((s) => ({ toasts: [...s.toasts.slice(-4), { ...toast, id }] }))
    return id
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}))

/** Shows a toast from anywhere (stores, event handlers). */
export function toast(t: Omit<Toast, 'id'>): number {
  return useToasts.getState().push({ timeout: t.tone === 'error' ? undefined : 6000, ...t })
}

/** Renders the toasts (once, in the app shell). */
export function Toaster() {
  const toasts = useToasts((s) => s.toasts)
  return (
    <div className="td-toaster" aria-live="polite" aria-relevant="additions">
      {toasts.map((t) => (
        <ToastCard key={t.id} toast={t} />
      ))}
    </div>
  )
}

function ToastCard({ toast: t }: { toast: Toast }) {
  const dismiss = useToasts((s) => s.dismiss)
  useEffect(() => {
    if (!t.timeout) return
    const timer = setTimeout(() => dismiss(t.id), t.timeout)
    return () => clearTimeout(timer)
  }, [t.id, t.timeout, dismiss])
  const icon =
    t.tone === 'ok'
      ? 'check'
      : t.tone === 'error'
        ? 'error'
        : t.tone === 'warning'
          ? 'alert'
          : 'info'
  return (
    <div className={`td-toast td-toast--${t.tone}`} role={t.tone === 'error' ? 'alert' : 'status'}>
      <span className="td-toast__icon">
        <Icon name={icon} />
      </span>
      <div className="td-toast__content">
        <div className="td-toast__title">{t.title}</div>
        {t.body && <div className="td-toast__body">{t.body}</div>}
        {t.actions && (
          <div className="td-toast__actions">
            {t.actions.map((a) => (
              <Button
                key={a.label}
                size="sm"
                onClick={() => {
                  a.onClick()
                  dismiss(t.id)
                }}
              >
                {a.label}
              </Button>
            ))}
          </div>
        )}
      </div>
      <Button
        variant="ghost"
        size="sm"
        icon="close"
        aria-label="Dismiss notification"
        onClick={() => dismiss(t.id)}
      />
    </div>
  )
}
