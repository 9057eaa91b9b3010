/** A modal confirmation (used before deleting): Escape or Cancel closes, focus starts on Cancel. */
import { useEffect, type ReactNode } from 'react'
import { Button } from '../../components/Button'

export interface ConfirmDialogProps {
  title: string
  children: ReactNode
  confirmLabel: string
  busy?: boolean
  error?: string | null
  onConfirm(): void
  onCancel(): void
}

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  busy,
  error,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onCancel()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onCancel])
  return (
    <div className="td-modal" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div
        className="td-modal__box"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="td-confirm-title"
      >
        <h2 id="td-confirm-title" className="td-modal__title">
          {title}
        </h2>
        <div className="td-modal__body">{children}</div>
        {error && (
          <p className="td-modal__error" role="alert">
            {error}
          </p>
        )}
        <div className="td-modal__actions">
          <Button autoFocus onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
          <Button variant="danger" onClick={onConfirm} disabled={busy}>
            {busy ? 'Deleting…' : confirmLabel}
          </Button>
        </div>
      </div>
    </div>
  )
}
