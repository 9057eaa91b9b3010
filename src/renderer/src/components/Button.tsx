import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react'
import { Icon, type IconName } from './Icon'
import './button.css'

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger'

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant
  size?: 'sm' | 'md' | 'lg'
  icon?: IconName
  /** Keyboard shortcut hint shown after the label, e.g. "Ctrl O". */
  shortcut?: string
  children?: ReactNode
  /** React 19 passes refs as props: focus management (dialogs, reports) needs the element. */
  ref?: Ref<HTMLButtonElement>
}

/** The app's button. Icon-only buttons must pass `aria-label` (or `title`) for their name. */
export function Button({
  variant = 'secondary',
  size = 'md',
  icon,
  shortcut,
  className,
  children,
  type = 'button',
  ...rest
}: ButtonProps) {
  const iconOnly = icon && !children
  const classes = [
    'td-btn',
    `td-btn--${variant}`,
    `td-btn--${size}`,
    iconOnly ? 'td-btn--icon' : '',
    className ?? '',
  ]
  return (
    <button type={type} className={classes.join(' ').trim()} {...rest}>
      {icon && <Icon name={icon} size={size === 'sm' ? 14 : 16} />}
      {children != null && <span className="td-btn__label">{children}</span>}
      {shortcut && <kbd className="td-btn__kbd">{shortcut}</kbd>}
    </button>
  )
}
