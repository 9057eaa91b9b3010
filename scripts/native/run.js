/**
 * Child processes for the native set-up, and the one-line explanations made from their output.
 * A set-up step either runs quietly (its output kept for the explanation), or shows its output as
 * it goes (a download's progress bar, a compiler's lines) while still keeping it.
 */
import { spawn } from 'node:child_process'

/** Lines of a shown step left out: node-gyp's and npm's bookkeeping (the compiler's lines stay). */
const NOISE = /^(gyp (info|verb|http)|npm (info|verb|http|timing)|\s*$)/

/** No output for this long during a visible step: say that it is still working. */
const HEARTBEAT_MS = 15_000

/**
 * Runs a command. mode 'quiet' keeps the output; 'tee' also copies it to stderr as it comes, with
 * a "still working" line after HEARTBEAT_MS of silence; 'inherit' gives the child the terminal
 * itself (progress bars draw only on a terminal), so nothing is kept.
 * Resolves to { ok, output, code, signal, error }.
 */
export function run(command, args, { cwd, env = process.env, mode = 'quiet', label = 'working', hide = NOISE } = {}) {
  return new Promise((resolveRun) => {
    const stdio = mode === 'inherit' ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe']
    let child
    try {
      child = spawn(command, args, { cwd, env, stdio, shell: process.platform === 'win32' && !/\.(exe|js)$/i.test(command) })
    } catch (error) {
      resolveRun({ ok: false, output: error.message, code: null, signal: null, error })
      return
    }
    const started = Date.now()
    let output = ''
    let lastOutput = Date.now()
    const heartbeat =
      mode === 'tee'
        ? setInterval(() => {
            if (Date.now() - lastOutput < HEARTBEAT_MS) return
            lastOutput = Date.now()
            process.stderr.write(`tracedeck: still ${label} (${Math.round((Date.now() - started) / 1000)} s so far)…\n`)
          }, 1000)
        : undefined
    let partial = ''
    const collect = (chunk) => {
      output += chunk
      lastOutput = Date.now()
      if (mode !== 'tee') return
      // Whole lines only, so the tools' chatter can be left out line by line.
      const lines = (partial + chunk).split('\n')
      partial = lines.pop()
      for (const line of lines) if (!hide.test(line)) process.stderr.write(`${line}\n`)
    }
    child.stdout?.on('data', collect)
    child.stderr?.on('data', collect)
    child.on('error', (error) => {
      output += error.message
    })
    child.on('close', (code, signal) => {
      clearInterval(heartbeat)
      if (mode === 'tee' && partial && !hide.test(partial)) process.stderr.write(`${partial}\n`)
      resolveRun({ ok: code === 0, output, code, signal })
    })
  })
}

const NETWORK = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|ENETUNREACH|EHOSTUNREACH|fetch failed|socket hang up|getaddrinfo/

/** Whether a tool's output says the network could not be reached. */
export function isNetworkFailure(text) {
  return NETWORK.test(String(text ?? '')) || /network connectivity/.test(String(text ?? ''))
}

/**
 * The meaningful line of a tool's output, for a one-line explanation: a network error, else the
 * first line naming an error, else the last line. Never cut: the line may carry the remedy.
 */
export function summarize(text) {
  const lines = String(text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !/^at /.test(line) && !/^npm (warn|notice)/i.test(line))
  const network = lines.find((line) => NETWORK.test(line))
  if (network) return `no network: ${network.replace(/^.*?(getaddrinfo|connect) /, '$1 ')}`
  if (lines.some((line) => /network connectivity/.test(line))) return 'download failed (no network?)'
  return lines.find((line) => /error/i.test(line)) ?? lines.at(-1) ?? 'no output'
}

/** The variables that route the downloads through a proxy or a mirror, for a network failure. */
export const NETWORK_HINT =
  'behind a proxy set HTTPS_PROXY plus ELECTRON_GET_USE_PROXY=1 and GLOBAL_AGENT_HTTPS_PROXY (Electron) and ' +
  'npm_config_https_proxy (better-sqlite3); or point ELECTRON_MIRROR and npm_config_better_sqlite3_binary_host at a mirror'

/** What a compile of better-sqlite3 needs on this OS. */
export function toolchain(platform = process.platform) {
  if (platform === 'win32') return 'Visual Studio Build Tools with the "Desktop development with C++" workload, and Python 3'
  if (platform === 'darwin') return 'the Xcode Command Line Tools (`xcode-select --install`)'
  return 'python3, make and a C++ compiler (Debian/Ubuntu: `sudo apt-get install python3 make g++`)'
}
