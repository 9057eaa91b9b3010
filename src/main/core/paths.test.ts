import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { appDataDir, bundledSamplePath, defaultLibraryPath, findResourcesDir, userDataDir } from './paths'

describe('default library path (same folder as Electron userData for "tracedeck")', () => {
  it('follows each platform convention', () => {
    expect(userDataDir('linux', {}, '/home/ada')).toBe('/home/ada/.config/tracedeck')
    expect(userDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/ada')).toBe('/cfg/tracedeck')
    expect(userDataDir('darwin', {}, '/Users/ada')).toBe('/Users/ada/Library/Application Support/tracedeck')
    expect(appDataDir('win32', { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'C:\\Users\\ada')).toBe('C:\\Users\\ada\\AppData\\Roaming')
  })

  it('is library.db in that folder unless TRACEDECK_DB says otherwise', () => {
    expect(defaultLibraryPath({ XDG_CONFIG_HOME: '/cfg' })).toBe(process.platform === 'linux' ? '/cfg/tracedeck/library.db' : expect.stringMatching(/library\.db$/))
    expect(defaultLibraryPath({ TRACEDECK_DB: '/tmp/x.db' })).toBe('/tmp/x.db')
  })
})

describe('bundled sample', () => {
  it('is found from source and points at resources/', () => {
    const resources = findResourcesDir()
    expect(resources).toBe(join(process.cwd(), 'resources'))
    expect(bundledSamplePath(resources)).toBe(join(process.cwd(), 'resources', 'sample-agent-run.json'))
    expect(bundledSamplePath('/nonexistent/resources')).toBeUndefined()
  })
})
