// Electron lifecycle (to be written by the shell owner)
export {}
