// `node --import ./register.mjs …`: maps 'electron' to the recording stand-in (hooks.mjs).
import { register } from 'node:module'

register('./hooks.mjs', import.meta.url)
