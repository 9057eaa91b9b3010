import { describe, expect, it } from 'vitest'
import type { ImportFileState } from '../../stores/import-store'
import { byteRange, fileStatus } from './file-status'

const MB = 1024 * 1024
const file = (patch: Partial<ImportFileState>): ImportFileState => ({
  name: 'run.json',
  bytesDone: 0,
  bytesTotal: 45 * MB,
  phase: 'reading',
  ...patch,
})

describe('the import card status of a file', () => {
  it('says "Uploading… x / y MB" while a browser upload runs, as step 1 of 3', () => {
    expect(fileStatus(file({ phase: 'uploading', uploaded: true, bytesDone: 12.34 * MB }))).toEqual(
      { label: 'Uploading…', step: 'Step 1 of 3', bytes: '12.3 / 45.0 MB', over: false },
    )
  })

  it("names the host's stages so the bar restarting from 0 reads as the next stage", () => {
    const reading = fileStatus(file({ phase: 'reading', uploaded: true, bytesDone: 45 * MB }))
    const saving = fileStatus(file({ phase: 'committing', uploaded: true, bytesDone: 2 * MB }))
    expect([reading.label, reading.step, reading.bytes]).toEqual([
      'Reading',
      'Step 2 of 3',
      '45.0 / 45.0 MB',
    ])
    expect([saving.label, saving.step, saving.bytes]).toEqual([
      'Saving to library',
      'Step 3 of 3',
      '2.0 / 45.0 MB',
    ])
    // Electron hands over a path, no upload: two stages.
    expect(fileStatus(file({ phase: 'committing' })).step).toBe('Step 2 of 2')
  })

  it('shows the size alone when waiting or over, and nothing when the size is unknown', () => {
    expect(fileStatus(file({ phase: 'done', bytesDone: 45 * MB }))).toEqual({
      label: 'Done',
      step: null,
      bytes: '45.0 MB',
      over: true,
    })
    expect(fileStatus(file({ phase: 'preparing' })).bytes).toBe('45.0 MB')
    expect(fileStatus(file({ phase: 'reading', bytesTotal: 0 })).bytes).toBe('')
  })

  it('keeps both figures in the unit of the total', () => {
    expect(byteRange(512, 3 * 1024 ** 3)).toBe('0.0 / 3.0 GB')
    expect(byteRange(900, 2048)).toBe('0.9 / 2.0 KB')
    expect(byteRange(12, 300)).toBe('12 / 300 B')
    expect(byteRange(300 * MB, 250 * MB)).toBe('250 / 250 MB')
  })
})
