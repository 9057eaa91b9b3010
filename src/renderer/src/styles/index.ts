/** Styles entry: global CSS (imported once by main.tsx) and the kind/status colour maps. */
import './tokens.css'
import './global.css'

export {
  KIND_COLORS,
  KIND_LABELS,
  STATUS_COLORS,
  currentScheme,
  installKindTokens,
  kindColor,
  kindTokensCss,
  useColorScheme,
  type ColorScheme,
} from './kinds'
