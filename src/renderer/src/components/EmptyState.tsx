import type { ReactNode } from 'react'
import { Icon, type IconName } from './Icon'
import './empty-state.css'

/** A centred message for "nothing here yet" or "this failed", with optional actions. */
export function EmptyState({
  icon = 'info',
  title,
  children,
  actions,
  tone = 'neutral',
}: {
  icon?: IconName
  title: ReactNode
  children?: ReactNode
  actions?: ReactNode
  tone?: 'neutral' | 'error'
}) {
  return (
    <div className={`td-empty td-empty--${tone}`} role={tone === 'error' ? 'alert' : undefined}>
      <div className="td-empty__icon">
        <Icon name={icon} size={22} />
      </div>
      <h2 className="td-empty__title">{title}</h2>
      {children && <div className="td-empty__body">{children}</div>}
      {actions && <div className="td-empty__actions">{actions}</div>}
    </div>
  )
}
