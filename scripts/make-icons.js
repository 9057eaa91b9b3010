#!/usr/bin/env node
/**
 * `npm run icons`: every app icon the packagers need, from the one source image resources/icon.svg,
 * into build/icons/ (electron-builder's buildResources): PNGs 16…1024 (Linux takes the folder,
 * the window icon takes 512), icon.icns (macOS) and icon.ico (Windows). Output is committed;
 * run this again after changing the SVG.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Resvg } from '@resvg/resvg-js'
import png2icons from 'png2icons'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const source = join(root, 'resources', 'icon.svg')
const out = join(root, 'build', 'icons')
export const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]

function render(svg, size) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng()
}

export function makeIcons() {
  const svg = readFileSync(source, 'utf8')
  mkdirSync(out, { recursive: true })
  for (const size of SIZES) writeFileSync(join(out, `${size}x${size}.png`), render(svg, size))
  const big = render(svg, 1024)
  writeFileSync(join(out, 'icon.icns'), png2icons.createICNS(big, png2icons.BICUBIC, 0))
  // Windows' ICO with the BMP entries every Windows version shows, up to 256.
  writeFileSync(join(out, 'icon.ico'), png2icons.createICO(big, png2icons.BICUBIC, 0, false, true))
  return out
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.error(`tracedeck: icons written to ${makeIcons()}`)
}
